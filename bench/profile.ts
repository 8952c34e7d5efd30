// Where one training epoch's time goes, by kernel: every export of the default engine is
// wrapped in a pair of CPU-time readings, and a real `model.fit` epoch runs through them.
// What the kernels do not account for is JS glue (fit's loop, layers, optimizer bookkeeping,
// the loader's argument wrappers). Times are CPU time of the process (µs resolution, from
// process.cpuUsage), so time the process spends waiting for a core on a shared machine is left
// out (the cache and memory bandwidth other processes take is not).
//
//   tsx bench/profile.ts                    both models below, 60,000 images
//   tsx bench/profile.ts --train 6000 --model sgd
//   tsx bench/profile.ts --wasm old.wasm      the same with another build of the module (before/after)
//   tsx bench/profile.ts --dense              with engine().sparseInputs = false: the first layer's
//                                             products dense, as before src/layers/sparse-input.ts
//
// Models: "sgd" = bench/'s task (784-100-10 sigmoid/softmax, categorical cross-entropy on
// one-hot rows, SGD 0.1, batch 64); "adam" = `npm start`'s (784-50-10, sparse labels, Adam 0.001,
// batch 32). Epoch 1 warms up; epochs 2-3 run unwrapped (the true epoch time: the faster one);
// epochs 4-6 are profiled, and the fastest of them is reported (on a shared machine the quietest);
// the timers' own cost is measured and reported.
import { readFileSync } from "node:fs";
import { Sequential, Dense, SGD, Adam, engine, init, tensor2d } from "../src/index.js";
import type { Kernels } from "../src/core/kernels.js";
import { availableParallelism, loadavg } from "node:os";
import { TASK, mnist, oneHot, trainCountArg } from "./common.js";

/** CPU time of the process (user + system) in ms. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

type Category = "GEMM" | "sparse products" | "elementwise" | "loss" | "update" | "gather" | "other kernels";
const CATEGORY: Record<string, Category> = {
  addRowVector: "elementwise", sumColumns: "elementwise", sigmoid: "elementwise", sigmoidBackward: "elementwise",
  tanh: "elementwise", tanhBackward: "elementwise", relu: "elementwise", reluBackward: "elementwise",
  identity: "elementwise", identityBackward: "elementwise", softmax: "elementwise", softmaxBackward: "elementwise",
  sgdStep: "update", momentumStep: "update", adamStep: "update", addL1Grad: "update", addL2Grad: "update",
  gatherRows: "gather", gatherRowsU8: "gather", gatherI32: "gather", shuffle: "gather", iota: "gather",
  // layer 1 over the input's nonzeros (assembly/sparse.ts); listing them is inside these
  countNonzero: "sparse products", sparseForward: "sparse products", sparseBackward: "sparse products",
};
const categoryOf = (name: string): Category =>
  name.startsWith("gemm") ? "GEMM" : CATEGORY[name] ?? (/Entropy|mse|countCorrect/.test(name) ? "loss" : "other kernels");

interface Entry { ms: number; calls: number }

/** Replaces every kernel with a timed wrapper; returns the table it fills and a function that undoes it. */
function instrument(k: Kernels): { table: Map<string, Entry>; restore: () => void } {
  const table = new Map<string, Entry>();
  const target = k as unknown as Record<string, unknown>;
  const saved = new Map<string, unknown>();
  for (const [name, f] of Object.entries(target)) {
    if (typeof f !== "function" || name === "heapBase") continue;
    saved.set(name, f);
    const fn = f as (...args: number[]) => number;
    target[name] = (...args: number[]) => {
      const t = cpu();
      const r = fn(...args);
      const ms = cpu() - t;
      // GEMM calls are keyed by form and shape (m×k×n), the others by name.
      const key = name.startsWith("gemm") ? `${name} ${args[3]}×${args[4]}×${args[5]}` : name;
      const e = table.get(key) ?? { ms: 0, calls: 0 };
      e.ms += ms;
      e.calls++;
      table.set(key, e);
      return r;
    };
  }
  return { table, restore: () => saved.forEach((f, name) => (target[name] = f)) };
}

/** Cost of one empty timed wrapper call (two CPU-time readings and the bookkeeping), in ms. */
function wrapperCost(): number {
  const k = { nop: (..._: number[]) => 0 } as unknown as Kernels;
  const { table } = instrument(k);
  const nop = (k as unknown as { nop: (...a: number[]) => number }).nop;
  const reps = 200_000;
  for (let i = 0; i < reps; i++) nop(1, 2, 3, 4, 5, 6, 7);
  const t = cpu();
  for (let i = 0; i < reps; i++) nop(1, 2, 3, 4, 5, 6, 7);
  const total = cpu() - t;
  return (total - table.get("nop")!.ms / 2) / reps; // what the wrapper adds outside its own timed window
}

async function profile(which: "sgd" | "adam", train: Awaited<ReturnType<typeof mnist>>["train"]) {
  const sgd = which === "sgd";
  const [hidden, batchSize] = sgd ? [TASK.hidden, TASK.batchSize] : [50, 32];
  const x = tensor2d(train.images, [train.count, TASK.inputs], 1 / 255);
  const model = new Sequential({
    layers: [new Dense({ units: hidden, activation: "sigmoid", inputShape: [TASK.inputs] }), new Dense({ units: 10, activation: "softmax" })],
    seed: 42,
  });
  model.compile({
    optimizer: sgd ? new SGD({ learningRate: TASK.learningRate }) : new Adam({ learningRate: 0.001 }),
    loss: sgd ? "categoricalCrossentropy" : "sparseCategoricalCrossentropy", metrics: ["accuracy"],
  });
  const y = sgd ? tensor2d(oneHot(train.labels), [train.count, TASK.classes]) : train.labels;
  const { k } = engine();
  let probe: ReturnType<typeof instrument> | undefined;
  const plain: number[] = [], profiled: { ms: number; probe: ReturnType<typeof instrument> }[] = [];
  let t0 = 0;
  await model.fit(x, y, {
    epochs: 6, batchSize, seed: 42, verbose: 0,
    callbacks: {
      onEpochBegin: (epoch: number) => {
        probe = epoch >= 3 ? instrument(k) : undefined;
        t0 = cpu();
      },
      onEpochEnd: (epoch: number) => {
        const ms = cpu() - t0;
        probe?.restore();
        if (probe) profiled.push({ ms, probe });
        else if (epoch > 0) plain.push(ms);
      },
    },
  });
  model.dispose();
  const quietest = profiled.reduce((a, b) => (b.ms < a.ms ? b : a));
  const { table } = quietest.probe;
  const calls = [...table.values()].reduce((s, e) => s + e.calls, 0);
  const overhead = calls * wrapperCost();
  const kernelMs = [...table.values()].reduce((s, e) => s + e.ms, 0);
  const glue = quietest.ms - kernelMs - overhead;
  return { which, hidden, batchSize, epochMs: [Math.min(...plain), quietest.ms], table, calls, overhead, kernelMs, glue };
}

function print(r: Awaited<ReturnType<typeof profile>>, count: number): void {
  const title = r.which === "sgd" ? `784-${r.hidden}-10 sigmoid/softmax, SGD 0.1, batch ${r.batchSize}` : `784-${r.hidden}-10 sigmoid/softmax (npm start), Adam 0.001, batch ${r.batchSize}`;
  const total = r.kernelMs + r.glue;
  const pct = (ms: number) => `${((100 * ms) / total).toFixed(1)}%`;
  console.log(`\n### ${title}, ${count.toLocaleString("en-US")} images${engine().sparseInputs ? "" : ", dense products (--dense)"}\n`);
  console.log(`Epoch CPU time (unprofiled, faster of 2) ${r.epochMs[0].toFixed(0)} ms; profiled epoch (fastest of 3) ${r.epochMs[1].toFixed(0)} ms, of which ${r.overhead.toFixed(1)} ms is the timers' own cost (${r.calls} kernel calls).\n`);
  console.log("| phase | ms | share |\n| --- | ---: | ---: |");
  const byCategory = new Map<string, number>();
  for (const [key, e] of [...r.table]) {
    const cat = categoryOf(key.split(" ")[0]);
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + e.ms);
  }
  for (const [key, e] of [...mergeVarying(r.table)].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`| GEMM ${key} (${e.calls} calls, ${((2 * e.flops) / e.ms / 1e6).toFixed(1)} GFLOP/s) | ${e.ms.toFixed(1)} | ${pct(e.ms)} |`);
  }
  for (const [cat, ms] of [...byCategory].sort((a, b) => b[1] - a[1])) console.log(`| ${cat === "GEMM" ? "**GEMM, all**" : cat} | ${ms.toFixed(1)} | ${pct(ms)} |`);
  console.log(`| JS glue (epoch − kernels − timers) | ${r.glue.toFixed(1)} | ${pct(r.glue)} |`);
  console.log(`| total | ${total.toFixed(1)} | |`);
  const rest = [...r.table].filter(([key]) => !key.startsWith("gemm")).sort((a, b) => b[1].ms - a[1].ms);
  console.log(`\nOther kernels: ${rest.map(([key, e]) => `${key} ${e.ms.toFixed(1)}`).join(", ")} (ms)`);
}

const shapeFlops = (key: string) => key.split(" ")[1].split("×").map(Number).reduce((a, b) => a * b, 1);

/**
 * The GEMM entries, with the products whose size varies from batch to batch in one dimension
 * (the first layer's active input columns, src/layers/zero-columns.ts) merged into one line
 * per form, that dimension shown as its mean: "gemm 64×k′≈494×100".
 */
function mergeVarying(table: Map<string, Entry>): Map<string, Entry & { flops: number }> {
  const out = new Map<string, Entry & { flops: number }>();
  const gemms = [...table].filter(([key]) => key.startsWith("gemm")).map(([key, e]) => ({ key, e, form: key.split(" ")[0], dims: key.split(" ")[1].split("×").map(Number) }));
  for (const g of gemms) {
    let key = g.key;
    for (let i = 0; i < 3; i++) {
      const kin = gemms.filter((h) => h.form === g.form && h.dims.every((d, j) => j === i || d === g.dims[j]));
      if (kin.length < 4) continue;
      const calls = kin.reduce((s, h) => s + h.e.calls, 0), mean = kin.reduce((s, h) => s + h.dims[i] * h.e.calls, 0) / calls;
      key = `${g.form} ${g.dims.map((d, j) => (j === i ? `k′≈${mean.toFixed(0)}` : String(d))).join("×")}`;
      break;
    }
    const e = out.get(key) ?? { ms: 0, calls: 0, flops: 0 };
    e.ms += g.e.ms; e.calls += g.e.calls; e.flops += shapeFlops(g.key) * g.e.calls;
    out.set(key, e);
  }
  return out;
}

const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
if (arg("--wasm")) await init(readFileSync(arg("--wasm")!)); // another build of the module, to compare
if (process.argv.includes("--dense")) (await init()).sparseInputs = false;
const { train } = await mnist(trainCountArg());
const models = (arg("--model") ?? "sgd,adam").split(",") as ("sgd" | "adam")[];
for (const which of models) print(await profile(which, train), train.count);
console.log(`\n1-minute load average at the end: ${loadavg()[0].toFixed(2)} (${availableParallelism()} cores)`);
