// Soak test (issue 6; `npm run soak`, not part of `npm test`): thousands of create / compile / fit /
// predict / evaluate / dispose cycles on varied small shapes, optimizers and losses, with the
// error paths mixed in (refused data, a diverging fit, a fit stopped or disposed from a callback).
// It reports WASM memory, the heap's live bytes and allocations, the JS heap and RSS at the start,
// after warm-up and at the end, and exits 1 if anything grew beyond the bounds stated below.
// Run: npx tsx scripts/soak.ts [--cycles 10000] [--seed 1]
import v8 from "node:v8";
import vm from "node:vm";
import { engine, Sequential, Dense, SGD, Adam, TrainingError, type ActivationName, type LossSpec } from "../src/index.js";

/** After warm-up: WASM memory may not grow at all, live bytes must return to 0 after every cycle. */
const WASM_GROWTH_BOUND = 0;
/** After warm-up: the JS heap (after a full GC) may grow by at most this much: no objects pile up. */
const JS_GROWTH_BOUND = 8 * 2 ** 20;
/** After warm-up: RSS may grow by at most this much (it moves ±20 MiB with V8's code and allocator pages). */
const RSS_GROWTH_BOUND = 48 * 2 ** 20;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const cycles = arg("cycles", 10000), warmup = Math.max(100, Math.floor(cycles / 10));
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void; // full collections before each RSS reading

// A seeded generator (mulberry32): the same --seed gives the same cycles.
let state = arg("seed", 1) >>> 0;
const unit = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (lo: number, hi: number) => lo + Math.floor(unit() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(unit() * xs.length)];

const heap = engine().heap;
const reading = (label: string, cycle: number) => {
  gc();
  const m = process.memoryUsage();
  return { label, cycle, wasm: heap.memory.buffer.byteLength, live: heap.liveBytes, allocations: heap.allocations, rss: m.rss, js: m.heapUsed };
};
const MB = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const line = (r: ReturnType<typeof reading>) =>
  `  ${r.label.padEnd(13)} cycle ${String(r.cycle).padStart(5)}: WASM memory ${MB(r.wasm)}, heap live ${r.live} B, heap allocations ${r.allocations}, JS heap ${MB(r.js)}, RSS ${MB(r.rss)}`;

/** One cycle: a fresh model of random shape trained, queried and disposed; `kind` picks an error path. */
async function cycle(): Promise<string> {
  const inputs = int(1, 48), rows = int(1, 96), classes = int(2, 9), hidden = Array.from({ length: int(0, 2) }, () => int(1, 40));
  const loss = pick<LossSpec>(["sparseCategoricalCrossentropy", "categoricalCrossentropy", "meanSquaredError", "binaryCrossentropy"]);
  const units = loss === "binaryCrossentropy" ? 1 : loss === "meanSquaredError" ? int(1, 4) : classes;
  const model = new Sequential({ seed: int(0, 1e6) });
  for (const [i, u] of hidden.entries()) model.add(new Dense({ units: u, activation: pick<ActivationName>(["relu", "tanh", "sigmoid", "linear"]), ...(i === 0 ? { inputShape: [inputs] } : {}) }));
  model.add(new Dense({ units, activation: loss === "binaryCrossentropy" ? "sigmoid" : units > 1 && loss !== "meanSquaredError" ? "softmax" : "linear", ...(hidden.length === 0 ? { inputShape: [inputs] } : {}) }));
  model.compile({ optimizer: pick([() => new SGD({ learningRate: 0.05, momentum: pick([0, 0.9]) }), () => new Adam({ learningRate: 0.01 }), () => "sgd" as const])(), loss, metrics: ["accuracy"] });
  const x = Array.from({ length: rows }, () => Array.from({ length: inputs }, () => unit() * 2 - 1));
  const labels = Array.from({ length: rows }, () => int(0, classes - 1));
  const y = loss === "binaryCrossentropy" ? labels.map((l) => l % 2) : loss === "meanSquaredError" ? x.map((r) => Array.from({ length: units }, (_, j) => r[j % inputs])) : labels;
  const kind = pick(["plain", "plain", "plain", "refused", "diverge", "stop", "dispose"]);
  const fitArgs = { epochs: int(1, 3), batchSize: int(1, 40), verbose: 0 as const, validationSplit: Math.min(pick([0, 0, 0.2]), rows - 1) }; // 1 row at 0.2 leaves no training row (a ModelError since the floor(n·(1 − split)) cut)
  try {
    if (kind === "refused") {
      x[rows - 1][0] = NaN; // fit must refuse it and free what it uploaded
      await model.fit(x, y as number[], fitArgs).then(() => { throw new Error("soak: NaN input was accepted"); }, () => undefined);
      return kind;
    }
    if (kind === "diverge") model.optimizer!.learningRate = 1e30; // a TrainingError, weights restored
    const callbacks = kind === "stop" ? { onBatchEnd: () => void (model.stopTraining = true) } : kind === "dispose" ? { onBatchEnd: () => model.dispose() } : undefined;
    const history = await model.fit(x, y as number[], { ...fitArgs, callbacks }).catch((e: Error) => e);
    if (kind === "dispose") return kind;
    if (history instanceof Error && kind !== "diverge") throw history;
    if (kind === "diverge") return history instanceof TrainingError ? "diverge" : "diverge (finite)";
    model.predict(x, { batchSize: int(1, 64) });
    model.evaluate(x, y as number[]);
    model.setWeights(model.getWeights());
    return kind;
  } finally {
    model.dispose();
  }
}

const started = performance.now();
const start = reading("start", 0);
let afterWarmup = start;
const kinds: Record<string, number> = {};
for (let i = 1; i <= cycles; i++) {
  const kind = await cycle();
  kinds[kind] = (kinds[kind] ?? 0) + 1;
  if (heap.liveBytes !== start.live) {
    console.error(`cycle ${i} (${kind}) left ${heap.liveBytes - start.live} live bytes in the heap`);
    process.exit(1);
  }
  if (i === warmup) afterWarmup = reading("after warm-up", i);
  if (process.env.SOAK_TRACE && i % 2000 === 0) console.log(line(reading("trace", i)));
}
const end = reading("end", cycles);
const seconds = (performance.now() - started) / 1000;

console.log(`soak: ${cycles} cycles in ${seconds.toFixed(1)} s (${kinds.plain ?? 0} plain, ${kinds.refused ?? 0} refused input, ${kinds.diverge ?? 0} diverged + ${kinds["diverge (finite)"] ?? 0} that stayed finite at lr 1e30, ${kinds.stop ?? 0} stopped, ${kinds.dispose ?? 0} disposed mid-fit)`);
for (const r of [start, afterWarmup, end]) console.log(line(r));
const wasmGrowth = end.wasm - afterWarmup.wasm, jsGrowth = end.js - afterWarmup.js, rssGrowth = end.rss - afterWarmup.rss;
console.log(`  growth after warm-up: WASM ${wasmGrowth} B (bound ${WASM_GROWTH_BOUND}), JS heap ${MB(jsGrowth)} (bound ${MB(JS_GROWTH_BOUND)}), RSS ${MB(rssGrowth)} (bound ${MB(RSS_GROWTH_BOUND)}), live bytes ${end.live - start.live} B (bound 0 after every cycle)`);
if (wasmGrowth > WASM_GROWTH_BOUND || jsGrowth > JS_GROWTH_BOUND || rssGrowth > RSS_GROWTH_BOUND) {
  console.error("soak: FAILED, memory grew beyond its bound");
  process.exit(1);
}
console.log("soak: OK");
