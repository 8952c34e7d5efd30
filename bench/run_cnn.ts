// Issue 15's speed table: one epoch of the book's SimpleConvNet (Saito 7.5: conv 30 5×5 relu → max
// pool 2 → dense 100 relu → dense 10 softmax, cross-entropy, Adam 0.001, batch 100) on the MNIST
// training images, scratchnet against PyTorch on one thread and the other peers, each task in its
// own process (bench/*_cnn.*). The slow peers time a subset and are extrapolated linearly to the
// epoch (their time per image is flat: every batch does the same work); the table says which.
// `npm run bench` calls cnnBench(); `npx tsx bench/run_cnn.ts [--train N]` prints this table alone.
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { blasThreads, mnistDir, pythonWith, runTask, torchPython, trainCountArg, type TaskResult } from "./common.js";

/** Images each slow peer times (then × N / measured), and test images it predicts (10,000 when absent). */
const SUBSET = { numpy: 10000, tfjsWasmConv: 2000, tfjsWasmCpu: 100, tfjsCpu: 100, convnetjs: 500 } as const;
const TEST_SUBSET = { tfjsWasmCpu: 1000, tfjsCpu: 1000, convnetjs: 1000 } as const;

const root = fileURLToPath(new URL("..", import.meta.url));
/** A row: "{v}" in the title becomes the version the task reports. */
interface Peer { title: string; r: TaskResult; measured?: number }
const num = (r: TaskResult, key: string) => (typeof r[key] === "number" ? (r[key] as number) : undefined);
const fmt = (v: number, digits: number) => v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Run every SimpleConvNet task on the first `train` images; the markdown section (table, goals, notes). */
export function cnnBench(train: number): string {
  const data = relative(root, mnistDir());
  const cap = (n?: number) => String(n === undefined ? train : Math.min(n, train));
  const ts = (label: string, file: string, ...args: string[]) =>
    runTask(label, process.execPath, ["--import", "tsx", join("bench", file), ...args]);
  const py = (label: string, python: string | undefined, file: string, note: string, ...args: string[]): TaskResult =>
    python ? runTask(label, python, [join("bench", file), data, ...args], blasThreads(1)) : { name: label, skipped: note, load: 0 };
  const tfjs = (label: string, ...args: string[]) => ts(`tfjs ${label} SimpleConvNet`, "tfjs_cnn.ts", ...args);

  console.log(`\nSimpleConvNet (issue 15): one epoch of ${fmt(train, 0)} images, Adam, batch 100`);
  const torch = torchPython();
  const peers: Peer[] = [
    { title: "PyTorch{v} (1 thread)", r: py("PyTorch SimpleConvNet", torch.python, "torch_cnn.py", torch.note ?? "", "--measure", cap()) },
    { title: "scratchnet (1 thread)", r: ts("scratchnet SimpleConvNet", "scratchnet_cnn.ts", "--measure", cap()) },
    { title: "scratchnet (2 threads)",
      r: ts("scratchnet SimpleConvNet (2 threads)", "scratchnet_cnn.ts", "--measure", cap(), "--threads", "2") },
    { title: "numpy{v}, the book's im2col layers (1 thread)",
      r: py("numpy SimpleConvNet", pythonWith("numpy"), "numpy_cnn.py", "numpy is not installed", "--measure", cap(SUBSET.numpy)) },
    { title: "TF.js{v} WASM as shipped", r: tfjs("wasm", "--backend", "wasm", "--measure", "100") },
    { title: "TF.js{v} WASM + filter gradient by its own Conv2D",
      r: tfjs("wasm (filter gradient by Conv2D)", "--backend", "wasm", "--filter-grad", "conv", "--measure", cap(SUBSET.tfjsWasmConv)) },
    { title: "TF.js{v} WASM + the CPU backend's filter gradient",
      r: tfjs("wasm (CPU backend's filter gradient)", "--backend", "wasm", "--filter-grad", "cpu", "--measure", cap(SUBSET.tfjsWasmCpu),
        "--test", String(TEST_SUBSET.tfjsWasmCpu)) },
    { title: "TF.js{v} CPU",
      r: tfjs("cpu", "--backend", "cpu", "--measure", cap(SUBSET.tfjsCpu), "--test", String(TEST_SUBSET.tfjsCpu)) },
    { title: "ConvNetJS{v}",
      r: ts("convnetjs SimpleConvNet", "convnetjs_cnn.ts", "--measure", cap(SUBSET.convnetjs), "--test", String(TEST_SUBSET.convnetjs)) },
  ];
  for (const p of peers) {
    const m = num(p.r, "measuredImages");
    // Linear extrapolation to the epoch: a peer that timed m of the N images.
    for (const key of ["epochSeconds", "epochCpuSeconds"]) {
      if (m !== undefined && m < train && num(p.r, key) !== undefined) p.r[key] = ((p.r[key] as number) * train) / m;
    }
    p.measured = m;
  }
  const [pytorch, one, two, , , tfjsWasm, , , convnet] = peers.map((p) => p.r);
  const epoch = (r: TaskResult) => num(r, "epochSeconds");
  const cpu = (r: TaskResult) => num(r, "epochCpuSeconds");
  const ratio = (r: TaskResult, t = epoch) => (t(r) !== undefined && t(pytorch) !== undefined ? t(r)! / t(pytorch)! : undefined);
  const trained = (r: TaskResult) => {
    const m = num(r, "measuredImages");
    if (m === undefined) return "";
    if (r.name === "scratchnet-cnn") return `2 epochs of ${fmt(m, 0)}`;
    return `${fmt((num(r, "warmupRows") ?? 100 * (num(r, "warmupBatches") ?? 0)) + m, 0)} images`;
  };

  const header = ["Implementation", `Epoch, ${fmt(train, 0)} images (s)`, "× PyTorch's", "CPU (s, × PyTorch's)", "Timed on",
    "Test accuracy (%)", "Trained on", "Batch-1 latency (ms)", "Load"];
  const rows = peers.map(({ title, r, measured }) => {
    const name = title.replace("{v}", r.version ? ` ${r.version}` : "");
    const why = r.failed ? `fails: ${String(r.failed).replace(/\|/g, "/")}` : `skipped: ${r.skipped}`;
    if (r.failed || r.skipped) return [name, why, "", "", "", "", "", "", fmt(r.load, 2)];
    const scale = measured === undefined ? 1 : train / measured;
    const timedOn = scale > 1 ? `${fmt(measured!, 0)} images, × ${fmt(scale, scale < 10 ? 1 : 0)}` : "all";
    const tests = num(r, "testImages");
    const testedOn = tests !== undefined && tests < 10000 ? ` (first ${fmt(tests, 0)})` : "";
    const cpuRatio = ratio(r, cpu) === undefined || r.threads === 2 ? "" : ` (${fmt(ratio(r, cpu)!, 2)}×)`;
    return [name, fmt(epoch(r)!, 1), ratio(r) === undefined ? "—" : `${fmt(ratio(r)!, 2)}×`, `${fmt(cpu(r)!, 1)}${cpuRatio}`,
      timedOn, `${fmt(num(r, "testAccuracy")! * 100, 2)}${testedOn}`, trained(r), fmt(num(r, "latencyMs")!, 3), fmt(r.load, 2)];
  });
  const table = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`,
    ...rows.map((cells) => `| ${cells.join(" | ")} |`)].join("\n");

  const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "**met**" : "**not met**");
  const within = (r: TaskResult, limit: number) => (ratio(r) === undefined ? undefined : ratio(r)! <= limit);
  const times = (r: TaskResult) => (ratio(r) === undefined ? "not measured" : `${fmt(ratio(r)!, 2)}×`);
  const faster = (peer: TaskResult) => (epoch(peer) === undefined || epoch(one) === undefined ? undefined : epoch(peer)! / epoch(one)!);
  const tenTimes = [tfjsWasm, convnet].some((r) => faster(r) === undefined) ? undefined : faster(tfjsWasm)! >= 10 && faster(convnet)! >= 10;
  const lat = (r: TaskResult) => num(r, "latencyMs");
  const sameBits = one.weightsHash && two.weightsHash ? String(one.weightsHash === two.weightsHash) : "?";
  const goals = [
    `- One thread ≤ 1.0× PyTorch's one-thread epoch: ${times(one)} → ${verdict(within(one, 1))}` +
      (ratio(one, cpu) === undefined ? "" : ` (by CPU time ${fmt(ratio(one, cpu)!, 2)}× → ${verdict(ratio(one, cpu)! <= 1)})`),
    `- Two threads ≤ 0.6× PyTorch's one-thread epoch, bit-identical to one thread: ${times(two)} → ${verdict(within(two, 0.6))}; ` +
      `weights identical to 1 thread's: ${sameBits}`,
    "- ≥ 10× faster than TF.js WASM's fit (with the filter gradient by its own Conv2D: as shipped it fails) and than ConvNetJS: " +
      `${[tfjsWasm, convnet].map((r) => (faster(r) === undefined ? "not measured" : `${fmt(faster(r)!, 1)}×`)).join(" and ")} → ` +
      verdict(tenTimes),
    `- Batch-1 latency below PyTorch's: ${lat(one) === undefined || lat(pytorch) === undefined ? "not measured"
      : `${fmt(lat(one)! * 1000, 0)} µs vs ${fmt(lat(pytorch)! * 1000, 0)} µs → ${verdict(lat(one)! < lat(pytorch)!)}`}`,
  ].join("\n");
  const title = `## SimpleConvNet, one epoch of ${fmt(train, 0)}, Adam, batch 100 (issue 15)`;
  return `${title}\n\n${table}\n\nGoals (issue 15):\n\n${goals}\n\n${NOTES}`;
}

const NOTES = [
  "- Ratios are peer time / PyTorch's one-thread time (below 1× is faster than PyTorch); the CPU column's are the same for CPU",
  "time (user + system of the process: on a loaded machine the steadier comparison; not shown for 2 threads, whose CPU time",
  "adds both threads). \"Timed on\" says whether the epoch was",
  "timed whole or on a subset and scaled linearly to the epoch (× N / subset); the CPU column is scaled the same way.",
  "\n- Epochs: PyTorch and numpy time one pass after a warm-up of 20 and 5 batches; scratchnet the second epoch of",
  "fit({epochs: 2}); TF.js and ConvNetJS one fit/pass after a warm-up on 100 images. Test accuracy is after the images in",
  "\"Trained on\", so the subset peers' is low: a check that each trains, not a contest.",
  "\n- One thread each: PyTorch torch.set_num_threads(1) with OMP/OpenBLAS at 1; numpy OpenBLAS at 1; TF.js WASM without",
  "threads; ConvNetJS and TF.js CPU are single-threaded JavaScript.",
  "\n- TF.js 4.22's WASM backend has no Conv2DBackpropFilter, so model.fit of a CNN throws there (the \"as shipped\" row shows",
  "its message, measured live). bench/tfjs_cnn.ts registers one two ways: by the WASM backend's own Transpose and Conv2D",
  "(XNNPACK) kernels (dW as the convolution of xᵀ with dy as the filter), or by copying x and dy to the CPU backend and",
  "running its kernel there.",
  "\n- ConvNetJS 0.3.0 on npm has no Adam in its Trainer (an unknown method silently runs SGD with momentum), so",
  "bench/convnetjs_cnn.ts adds an Adam step over its parameters every 100 images; its own initialisation (Math.random).",
  "\n- numpy: our code after the book's algorithm (im2col by filter offsets, Convolution, Pooling with argmax, Relu, Affine,",
  "SoftmaxWithLoss, the book's Adam) in float32; the first convolution skips dx, as every other peer does.",
  "\n- Batch-1 latency: median of 200 forward passes on one test image after 20 warm-up calls (PyTorch in eval mode under",
  "no_grad; scratchnet model.predict on a 1-image tensor4d).",
].join(" ").replace(/ \n/g, "\n");

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) console.log("\n" + cnnBench(trainCountArg()));
