// Where one epoch of the book's SimpleConvNet (Saito 7.5) goes, by kernel: Conv2D 30 5×5 valid relu
// [28, 28, 1] → MaxPooling2D 2 → Flatten → Dense 100 relu → Dense 10 softmax, sparse labels,
// Adam 0.001, batch 100, MNIST as bytes (tensor4d scale 1/255). Every kernel export of the engine
// is wrapped in a pair of clock readings; GEMMs are keyed by form and shape. One thread: CPU time
// of the process (bench/profile.ts' method); --threads N: wall time (the workers' CPU is elsewhere).
//
//   tsx bench/conv-profile.ts [--train 12000] [--threads 1] [--epochs 3] [--wasm file] [--dense]
//
// Epoch 1 warms up, epoch 2 runs unwrapped (the true epoch time), epochs 3.. are profiled and the
// fastest is reported. Also prints the weights' SHA-256 (bit-identity across builds and threads).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { Sequential, Dense, Conv2D, MaxPooling2D, Flatten, Adam, init, createEngineWithThreads, tensor4d } from "../src/index.js";
import type { Kernels } from "../src/core/kernels.js";
import { mnist } from "./common.js";

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const threads = Number(arg("--threads", "1")), train = Number(arg("--train", "12000")), epochs = Number(arg("--epochs", "3"));
const wall = () => performance.now();
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const clock = threads > 1 ? wall : cpu;

interface Entry { ms: number; calls: number }

/** Replaces every kernel with a timed wrapper; returns the table it fills and a function that undoes it. */
function instrument(k: Kernels): { table: Map<string, Entry>; restore: () => void } {
  const table = new Map<string, Entry>(), target = k as unknown as Record<string, unknown>, saved = new Map<string, unknown>();
  for (const name of Object.keys(Object.getPrototypeOf(target) ?? {}).concat(Object.keys(target))) {
    const f = target[name];
    if (typeof f !== "function" || name === "heapBase" || saved.has(name)) continue;
    saved.set(name, Object.prototype.hasOwnProperty.call(target, name) ? f : undefined);
    const fn = f as (...args: number[]) => number;
    target[name] = (...args: number[]) => {
      const t = clock(), r = fn(...args), ms = clock() - t;
      const key = name.startsWith("gemm") ? `${name} ${args[3]}×${args[4]}×${args[5]}` : name;
      const e = table.get(key) ?? { ms: 0, calls: 0 };
      e.ms += ms; e.calls++;
      table.set(key, e);
      return r;
    };
  }
  const restore = () => saved.forEach((f, name) => (f === undefined ? delete target[name] : (target[name] = f)));
  return { table, restore };
}

if (process.argv.includes("--wasm")) await init(readFileSync(arg("--wasm", "")));
const wasm = process.argv.includes("--wasm") ? { wasm: readFileSync(arg("--wasm", "")) } : {};
const engine = await createEngineWithThreads({ threads, ...wasm });
if (process.argv.includes("--dense")) engine.sparseInputs = false;
const data = (await mnist(train)).train;
const x = tensor4d(data.images, [data.count, 28, 28, 1], 1 / 255);
const model = new Sequential({
  layers: [
    new Conv2D({ filters: 30, kernelSize: 5, activation: "relu", inputShape: [28, 28, 1] }),
    new MaxPooling2D({ poolSize: 2 }), new Flatten(),
    new Dense({ units: 100, activation: "relu" }), new Dense({ units: 10, activation: "softmax" }),
  ],
  seed: 42, engine,
});
model.compile({ optimizer: new Adam({ learningRate: 0.001 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
let probe: ReturnType<typeof instrument> | undefined, t0 = 0, w0 = 0;
const plain: { ms: number; wall: number }[] = [], profiled: { ms: number; table: Map<string, Entry> }[] = [];
const history = await model.fit(x, data.labels, {
  epochs: 2 + epochs, batchSize: 100, seed: 42, verbose: 0,
  callbacks: {
    onEpochBegin: (epoch: number) => { probe = epoch >= 2 ? instrument(engine.k) : undefined; t0 = clock(); w0 = wall(); },
    onEpochEnd: (epoch: number) => {
      const ms = clock() - t0;
      probe?.restore();
      if (probe) profiled.push({ ms, table: probe.table });
      else if (epoch > 0) plain.push({ ms, wall: wall() - w0 });
    },
  },
});
const hash = createHash("sha256");
for (const w of model.getWeights()) hash.update(new Uint8Array(w.data.buffer, w.data.byteOffset, w.data.byteLength));

const best = profiled.reduce((a, b) => (b.ms < a.ms ? b : a));
const kernelMs = [...best.table.values()].reduce((s, e) => s + e.ms, 0);
const scale = 60000 / data.count;
const { ms, wall: plainWall } = plain[0], kind = threads > 1 ? "wall" : "CPU";
console.log(`\n### SimpleConvNet, ${data.count} images, ${threads} thread(s), ${kind} time${engine.sparseInputs ? "" : ", --dense"}\n`);
const per60k = (t: number) => ((t * scale) / 1000).toFixed(2);
console.log(`Unprofiled epoch ${kind} ${ms.toFixed(0)} ms (→ ${per60k(ms)} s for 60,000), wall ${plainWall.toFixed(0)} ms `
  + `(→ ${per60k(plainWall)} s); profiled (fastest of ${profiled.length}) ${best.ms.toFixed(0)} ms; `
  + `loss ${(history.history.loss as number[]).at(-1)!.toFixed(5)}\n`);
console.log("| kernel | calls | ms | share | GFLOP/s |\n| --- | ---: | ---: | ---: | ---: |");
const flops = (key: string) => (key.startsWith("gemm") ? 2 * key.split(" ")[1].split("×").map(Number).reduce((a, b) => a * b, 1) : 0);
for (const [key, e] of [...best.table].sort((a, b) => b[1].ms - a[1].ms)) {
  if (e.ms < best.ms * 0.002) continue;
  const rate = flops(key) ? ((flops(key) * e.calls) / e.ms / 1e6).toFixed(1) : "";
  console.log(`| ${key} | ${e.calls} | ${e.ms.toFixed(1)} | ${((100 * e.ms) / best.ms).toFixed(1)}% | ${rate} |`);
}
const glue = best.ms - kernelMs;
console.log(`| JS glue + timers (epoch − kernels) | | ${glue.toFixed(1)} | ${((100 * glue) / best.ms).toFixed(1)}% | |`);
const load = loadavg().map((l) => l.toFixed(2)).join(" ");
console.log(`\nweights sha256 ${hash.digest("hex").slice(0, 16)}; load average ${load} (${availableParallelism()} cores)`);
model.dispose();
await engine.dispose?.();
process.exit(0);
