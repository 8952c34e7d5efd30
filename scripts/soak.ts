// Soak test (issues 6 and 12; `npm run soak`, not part of `npm test`): create / compile / fit /
// predict / evaluate / dispose cycles on varied small shapes, optimizers and losses, with the
// error paths mixed in (refused data, a diverging fit, a fit stopped or disposed from a callback).
// Every cycle must leave the heap's live bytes at 0. After warm-up it reads WASM memory, the JS
// heap (after a full GC) and RSS every `--every` cycles and exits 1 if WASM memory grew, the JS
// heap grew, or a line fitted to the RSS readings rises faster than a leak would make it.
// Run: npx tsx scripts/soak.ts [--cycles 200000] [--seed 1] [--every 5000]; SOAK_TRACE=1 prints each reading.
import v8 from "node:v8";
import vm from "node:vm";
import { engine, Sequential, Dense, SGD, Adam, TrainingError, DataError, ModelError, type ActivationName, type LossSpec } from "../src/index.js";

/** After warm-up: WASM memory may not grow at all, live bytes must return to 0 after every cycle. */
const WASM_GROWTH_BOUND = 0;
/** After warm-up: the JS heap (after a full GC) may grow by at most this much: no objects pile up. */
const JS_GROWTH_BOUND = 8 * 2 ** 20;
/**
 * After warm-up: the most the fitted slope of the JS heap may rise, in bytes per cycle. Keeping
 * predict's output each cycle (a test leak) rose 111 B/cycle; 200,000-cycle runs measure within
 * ±1.1; a 0.3 MiB wobble tilts a 20,000-cycle window by up to 1.5 · 0.3 MiB / 20,000 = 24.
 */
const JS_SLOPE_BOUND = 32;
/**
 * After warm-up: the most the least-squares slope of RSS may rise, in bytes per cycle.
 * A leak: the smallest buffers a cycle hands to JS are predict's output (~400 B a cycle on
 * average, printed below as measured) and getWeights' copies (~1,300 B); leaking either every
 * cycle (backing store outside the JS heap) would rise at least that fast. Noise: RSS moves in
 * steps when V8 resizes its heap (up to ~25 MiB seen after warm-up); a step h inside a window of
 * L cycles tilts the fitted line by at most 1.5·h/L: 218 B/cycle for 25 MiB over 180,000 cycles.
 * Keeping predict's output each cycle (a test leak) made RSS rise 568 B/cycle.
 */
const RSS_SLOPE_BOUND = 256;
/** Readings after warm-up needed to fit a trend; shorter runs are held to RSS_GROWTH_BOUND instead. */
const MIN_READINGS = 5;
/**
 * RSS growth from warm-up to the end allowed when there are too few readings for a trend. V8
 * grows its young generation from 1 to 16 MiB semi-spaces some 5,000-15,000 cycles in (+30-35 MiB
 * of RSS, once; gone with --max-semi-space-size=1): a 10,000-cycle run can see all of it.
 */
const RSS_GROWTH_BOUND = 48 * 2 ** 20;
/** Warm-up: past V8's young-generation growth (heapTotal ~17 -> ~50 MiB), over by cycle 20,000 in every run measured (seeds 1-4). */
const WARMUP = 20000;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const cycles = arg("cycles", 200000), seed = arg("seed", 1), every = arg("every", 5000);
const warmup = Math.max(100, Math.min(WARMUP, Math.floor(cycles / 2)));
v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void; // full collections before each RSS reading

// A seeded generator (mulberry32): the same --seed gives the same cycles.
let state = seed >>> 0;
const unit = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (lo: number, hi: number) => lo + Math.floor(unit() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]) => xs[Math.floor(unit() * xs.length)];

const heap = engine().heap;
/** V8's code space (compiled and optimised functions): one of the things RSS holds besides the JS heap. */
const codeSpace = () => v8.getHeapSpaceStatistics().filter((s) => s.space_name.startsWith("code")).reduce((n, s) => n + s.space_size, 0);
const reading = (label: string, cycle: number) => {
  gc();
  const m = process.memoryUsage();
  return { label, cycle, wasm: heap.memory.buffer.byteLength, live: heap.liveBytes, allocations: heap.allocations, rss: m.rss, js: m.heapUsed, committed: m.heapTotal, code: codeSpace() };
};
const MB = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
const line = (r: ReturnType<typeof reading>) =>
  `  ${r.label.padEnd(13)} cycle ${String(r.cycle).padStart(6)}: WASM memory ${MB(r.wasm)}, heap live ${r.live} B, heap allocations ${r.allocations}, JS heap ${MB(r.js)} (V8 committed ${MB(r.committed)}, code ${MB(r.code)}), RSS ${MB(r.rss)}`;

/** Bytes of the buffers cycles handed to JS: what a leak of them would add per cycle (see RSS_SLOPE_BOUND). */
const handed = { predict: 0, weights: 0 };

/** fit's TrainingError for a loss that became NaN or infinite (the weights restored): the only error a fit may end with here. */
const divergence = (e: unknown) => e instanceof TrainingError && e.message.includes("training diverged");

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
      x[rows - 1][0] = NaN; // fit must refuse it (a DataError, nothing else) and free what it uploaded
      const refusal = await model.fit(x, y as number[], fitArgs).then(() => new Error("soak: NaN input was accepted"), (e: Error) => e);
      if (!(refusal instanceof DataError)) throw refusal;
      return kind;
    }
    if (kind === "diverge") model.optimizer!.learningRate = 1e30; // a TrainingError, weights restored
    const callbacks = kind === "stop" ? { onBatchEnd: () => void (model.stopTraining = true) } : kind === "dispose" ? { onBatchEnd: () => model.dispose() } : undefined;
    const history = await model.fit(x, y as number[], { ...fitArgs, callbacks }).catch((e: Error) => e);
    if (kind === "dispose") {
      // fit ends on the freed model with a ModelError that says so; anything else fails the soak.
      if (history instanceof Error && !(history instanceof ModelError && history.message.includes("was disposed"))) throw history;
      return kind;
    }
    // A plain cycle can diverge for real (seed 3, cycle 4,4xx: linear → linear, MSE, SGD 0.05 with
    // momentum 0.9, 37 inputs): fit's TrainingError is then the right outcome, counted like any
    // other. Anything else a plain cycle throws is a bug and fails the soak.
    if (kind === "plain" && divergence(history)) return "diverged (plain)";
    if (history instanceof Error && !(kind === "diverge" && divergence(history))) throw history;
    if (kind === "diverge") return divergence(history) ? "diverge" : "diverge (finite)";
    handed.predict += model.predict(x, { batchSize: int(1, 64) }).data.byteLength;
    model.evaluate(x, y as number[]);
    const weights = model.getWeights();
    handed.weights += weights.reduce((n, w) => n + w.data.byteLength, 0);
    model.setWeights(weights);
    return kind;
  } finally {
    model.dispose();
  }
}

type Reading = ReturnType<typeof reading>;

/** Least-squares slope of `value` against the cycle number, in bytes per cycle. */
function slope(rs: Reading[], value: (r: Reading) => number): number {
  const mx = rs.reduce((s, r) => s + r.cycle, 0) / rs.length, my = rs.reduce((s, r) => s + value(r), 0) / rs.length;
  let sxy = 0, sxx = 0;
  for (const r of rs) {
    sxy += (r.cycle - mx) * (value(r) - my);
    sxx += (r.cycle - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : 0;
}

const started = performance.now();
const start = reading("start", 0);
const trend: Reading[] = []; // after warm-up: every `every` cycles, and at the end
const kinds: Record<string, number> = {};
for (let i = 1; i <= cycles; i++) {
  const kind = await cycle();
  kinds[kind] = (kinds[kind] ?? 0) + 1;
  if (heap.liveBytes !== start.live) {
    console.error(`cycle ${i} (${kind}) left ${heap.liveBytes - start.live} live bytes in the heap`);
    process.exit(1);
  }
  if (i === warmup) trend.push(reading("after warm-up", i));
  else if (i > warmup && ((i - warmup) % every === 0 || i === cycles)) trend.push(reading(i === cycles ? "end" : "reading", i));
  if (process.env.SOAK_TRACE && i >= warmup && (i - warmup) % every === 0) console.log(line(trend.at(-1)!));
}
const seconds = (performance.now() - started) / 1000;
const afterWarmup = trend[0], end = trend.at(-1)!;

const outcomes = Object.entries(kinds).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`).join(", ");
console.log(`soak: ${cycles} cycles in ${seconds.toFixed(1)} s (seed ${seed}): ${outcomes}`);
for (const r of [start, afterWarmup, end]) console.log(line(r));
console.log(`  handed to JS per cycle on average: predict's output ${(handed.predict / cycles).toFixed(0)} B, getWeights' copies ${(handed.weights / cycles).toFixed(0)} B (a leak of either would be at least that many bytes per cycle)`);
const wasmGrowth = Math.max(...trend.map((r) => r.wasm)) - afterWarmup.wasm, jsGrowth = end.js - afterWarmup.js;
const rssSlope = slope(trend, (r) => r.rss), jsSlope = slope(trend, (r) => r.js);
const judged = trend.length >= MIN_READINGS, rssGrowth = end.rss - afterWarmup.rss;
const rssRange = `RSS ${MB(Math.min(...trend.map((r) => r.rss)))}–${MB(Math.max(...trend.map((r) => r.rss)))} over ${trend.length} readings`;
console.log(`  after warm-up: WASM growth ${wasmGrowth} B (bound ${WASM_GROWTH_BOUND}), JS heap ${MB(jsGrowth)} (bound ${MB(JS_GROWTH_BOUND)}), JS heap slope ${jsSlope.toFixed(2)} B/cycle${judged ? ` (bound ${JS_SLOPE_BOUND})` : ""}, live bytes ${end.live - start.live} B (bound 0 after every cycle)`);
console.log(
  judged
    ? `  RSS trend: ${rssRange}, fitted slope ${rssSlope.toFixed(1)} B/cycle (bound ${RSS_SLOPE_BOUND})`
    : `  RSS: ${rssRange}, too few for a trend (${MIN_READINGS} needed: run ≥ ${WARMUP + (MIN_READINGS - 1) * every} cycles); growth ${MB(rssGrowth)} (bound ${MB(RSS_GROWTH_BOUND)})`,
);
const failures = [
  wasmGrowth > WASM_GROWTH_BOUND && "WASM memory grew",
  jsGrowth > JS_GROWTH_BOUND && "the JS heap grew",
  judged && jsSlope > JS_SLOPE_BOUND && "the JS heap trends upward",
  judged && rssSlope > RSS_SLOPE_BOUND && "RSS trends upward (a leak outside the JS heap)",
  !judged && rssGrowth > RSS_GROWTH_BOUND && "RSS grew",
].filter(Boolean);
if (failures.length > 0) {
  console.error(`soak: FAILED: ${failures.join("; ")}`);
  process.exit(1);
}
console.log("soak: OK");
