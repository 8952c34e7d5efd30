// TensorFlow.js 4.22 on the book's SimpleConvNet (Saito 7.5): conv2d 30 5×5 relu → maxPooling2d 2
// → flatten → dense 100 relu → dense 10 softmax, categorical cross-entropy, Adam 0.001, batch 100.
// Layer defaults (Glorot-uniform seeded, zero biases), channels last. The timed model.fit covers the
// first `--measure` images (run_cnn.ts extrapolates to the epoch) after a warm-up fit on 100.
//
// `--backend cpu` (pure JS) or `wasm` (XNNPACK, SIMD, one thread). The WASM backend has no
// Conv2DBackpropFilter kernel, so its fit throws (reported as `failed`, TF.js's message);
// `--filter-grad cpu|conv` registers one for it first (see registerFilterGrad; its time is part of the
// epoch). `--test N` limits the test images predicted. Prints one BENCH_RESULT line.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths, type BackendWasm } from "@tensorflow/tfjs-backend-wasm";
import { accuracy, median, mnist, oneHot, report, timed, toFloat } from "./common.js";

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const backend = arg("--backend", "cpu");
const filterGrad = arg("--filter-grad", "");
const measure = Number(arg("--measure", "60000")), testCount = Number(arg("--test", "10000"));
const warmRows = 100, batchSize = 100;

/**
 * A Conv2DBackpropFilter kernel for the WASM backend. "cpu": copy x and dy to the CPU backend, run
 * its kernel there, copy dW back. "conv": the WASM backend's own Transpose and Conv2D kernels
 * (XNNPACK): dW[kh, kw, ci, co] = Σ x[n, i+kh, j+kw, ci]·dy[n, i, j, co] is the valid convolution of
 * xᵀ [ci, H, W, n] with dy as a filter [oh, ow, n, co], transposed back; stride 1, valid padding only.
 */
function registerFilterGrad(how: string): void {
  type Info = tf.TensorInfo;
  const run = (name: string, b: tf.KernelBackend, inputs: tf.NamedTensorInfoMap, attrs: object) =>
    tf.getKernel(name, b === cpu ? "cpu" : "wasm")!.kernelFunc({ inputs, backend: b, attrs: attrs as tf.NamedAttrMap }) as Info;
  const cpu = tf.findBackend("cpu")!;
  tf.registerKernel({
    kernelName: "Conv2DBackpropFilter", backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const w = backend as BackendWasm, { x, dy } = inputs as { x: Info; dy: Info };
      if (how === "cpu") {
        const moved = Object.fromEntries(Object.entries({ x, dy }).map(([name, t]) =>
          [name, { ...t, dataId: cpu.write((w.readSync(t.dataId) as Float32Array).slice(), t.shape, t.dtype) }]));
        const out = run("Conv2DBackpropFilter", cpu, moved, attrs ?? {});
        const values = cpu.readSync(out.dataId) as Float32Array;
        for (const t of [moved.x, moved.dy, out]) cpu.disposeData(t.dataId);
        return w.makeOutput(out.shape, out.dtype, undefined, values);
      }
      const { strides, pad } = attrs as { strides: number | number[]; pad: unknown };
      if (pad !== "valid" || [strides].flat().some((s) => s !== 1)) {
        throw new Error("the 'conv' filter gradient handles stride 1, valid padding only");
      }
      const xT = run("Transpose", w, { x }, { perm: [3, 1, 2, 0] }), dyT = run("Transpose", w, { x: dy }, { perm: [1, 2, 0, 3] });
      const conv = run("Conv2D", w, { x: xT, filter: dyT }, { strides: 1, pad: "valid", dilations: 1, dataFormat: "NHWC" });
      const dW = run("Transpose", w, { x: conv }, { perm: [1, 2, 0, 3] });
      for (const t of [xT, dyT, conv]) w.disposeData(t.dataId);
      return dW;
    },
  });
}

if (backend === "wasm") {
  // The .wasm files ship inside the npm package (no network); threads off, like the other one-thread peers.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  setWasmPaths(join(dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist") + "/");
  if (filterGrad) registerFilterGrad(filterGrad);
}
if (!(await tf.setBackend(backend))) throw new Error(`tf.setBackend('${backend}') failed`);
await tf.ready();
const registered = filterGrad ? `, Conv2DBackpropFilter registered here (${filterGrad})` : "";
// Only the WASM backend defines the SIMD flag (reading it elsewhere throws).
const simd = () => (tf.env().getBool("WASM_HAS_SIMD_SUPPORT") ? "on" : "off");
const backendName = backend === "wasm" ? `wasm, SIMD ${simd()}, 1 thread${registered}` : tf.getBackend();

const { train, test } = await mnist(measure);
const x = tf.tensor4d(toFloat(train.images), [train.count, 28, 28, 1]);
const y = tf.tensor2d(oneHot(train.labels), [train.count, 10]);
const tested = Math.min(testCount, test.count);
const xTest = tf.tensor4d(toFloat(test.images.subarray(0, tested * 784)), [tested, 28, 28, 1]);

const glorot = (seed: number) => tf.initializers.glorotUniform({ seed });
const model = tf.sequential({
  layers: [
    tf.layers.conv2d({ filters: 30, kernelSize: 5, activation: "relu", inputShape: [28, 28, 1], kernelInitializer: glorot(1) }),
    tf.layers.maxPooling2d({ poolSize: 2 }),
    tf.layers.flatten(),
    tf.layers.dense({ units: 100, activation: "relu", kernelInitializer: glorot(2) }),
    tf.layers.dense({ units: 10, activation: "softmax", kernelInitializer: glorot(3) }),
  ],
});
model.compile({ optimizer: tf.train.adam(0.001), loss: "categoricalCrossentropy" });

const fitArgs = { batchSize, epochs: 1, shuffle: true, verbose: 0 as const };
const rows = Math.min(warmRows, train.count);
const [xWarm, yWarm] = [x.slice(0, rows), y.slice(0, rows)];
try {
  await model.fit(xWarm, yWarm, fitArgs);
} catch (e) {
  // Reported as the peer's figure: "fails: <TF.js's message>", measured live.
  report({ name: "tfjs-cnn", version: tf.version.tfjs, backend: backendName, failed: (e as Error).message });
  process.exit(0);
}
const epoch = await timed(() => model.fit(x, y, fitArgs));

const predictAll = (): ArrayLike<number> => tf.tidy(() => (model.predict(xTest, { batchSize: 100 }) as tf.Tensor).dataSync());
let probs: ArrayLike<number> = [];
const inference = await timed(() => { probs = predictAll(); });
const one = xTest.slice(0, 1);
const latencies: number[] = [];
for (let i = 0; i < 220; i++) {
  const t = performance.now();
  tf.tidy(() => (model.predict(one) as tf.Tensor).dataSync());
  if (i >= 20) latencies.push(performance.now() - t);
}

report({
  name: "tfjs-cnn", version: tf.version.tfjs, backend: backendName, measuredImages: train.count, warmupRows: rows,
  epochSeconds: epoch.wall, epochCpuSeconds: epoch.cpu, inferenceSeconds: inference.wall,
  latencyMs: median(latencies), testImages: tested, testAccuracy: accuracy(probs, test.labels.subarray(0, tested)),
});
