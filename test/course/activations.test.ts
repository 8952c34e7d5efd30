// Lesson 2 (seeds 003, 004): activation values and derivatives against plain TS math, softmax
// without overflow, the course's 3-layer forward pass, the course's own stored network (the book's
// sample_weight.pkl: 9,352 of 10,000, as the course prints), its weights resident in WASM, and the
// 784-50-100-10 network scratchnet trained (TF.js files, 9,682).
import { describe, it, expect, vi } from "vitest";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { engine } from "../../src/index.js";
import * as A from "../../src/course/activations.js";
import { COURSE_FORWARD_OUTPUT, COURSE_SAMPLE_WEIGHT_ACCURACY, batchAccuracy, forward, initNetwork, networkFromLayersModel, predict } from "../../src/course/forward-pass.js";
import { TRAINED_784_50_100_10_DIR, loadSampleWeight } from "../../src/course/sample-weight.js";
import { ModelFileError, parseLayersModel } from "../../src/io/layers-model.js";
import { readLayersModel } from "../../src/io/layers-model-node.js";
import { loadMnist } from "../../src/data/mnist-node.js";
import { ROOT, maxAbsDiff, seededValues } from "../helpers.js";

const xs = [...seededValues(200, -6, 6, 3), -1, 0, 1, 0.5];
const sig = (x: number) => 1 / (1 + Math.exp(-x));
const cases: [string, (x: number[]) => Float32Array, (x: number) => number][] = [
  ["step", A.step, (x) => (x > 0 ? 1 : 0)],
  ["identity", A.identity, (x) => x],
  ["sigmoid", A.sigmoid, sig],
  ["tanh", A.tanh, Math.tanh],
  ["relu", A.relu, (x) => Math.max(0, x)],
  ["stepDerivative", A.stepDerivative, () => 0],
  ["identityDerivative", A.identityDerivative, () => 1],
  ["sigmoidDerivative", A.sigmoidDerivative, (x) => sig(x) * (1 - sig(x))],
  ["tanhDerivative", A.tanhDerivative, (x) => 1 - Math.tanh(x) ** 2],
  ["reluDerivative", A.reluDerivative, (x) => (x > 0 ? 1 : 0)],
];

describe("lesson 2: activation functions as array functions", () => {
  it.each(cases)("%s matches plain TS math", (_name, f, ref) => {
    const live = engine().heap.liveBytes;
    const y = f(xs);
    expect(y).toBeInstanceOf(Float32Array);
    expect(maxAbsDiff(y, xs.map(ref))).toBeLessThan(1e-6);
    expect(f([])).toEqual(new Float32Array(0));
    expect(engine().heap.liveBytes).toBe(live);
  });

  it("takes Float32Array too; step and relu are 0 at 0, sigmoid(0) = 0.5", () => {
    expect(Array.from(A.step(Float32Array.of(-1, 0, 2)))).toEqual([0, 0, 1]);
    expect(Array.from(A.relu([-1, 0, 2]))).toEqual([0, 0, 2]);
    expect(A.sigmoid([0])[0]).toBe(0.5);
  });

  it("softmax([1010, 1000, 990]) is finite ≈ [0.99995, 4.54e-5, 2.06e-9] (seed 004's 'improved' version forgets to subtract the max)", () => {
    const y = A.softmax([1010, 1000, 990]);
    expect(y.every(Number.isFinite)).toBe(true);
    expect(y[0]).toBeCloseTo(0.99995, 5);
    expect(y[1] / 4.54e-5).toBeCloseTo(1, 2);
    expect(y[2] / 2.06e-9).toBeCloseTo(1, 2);
    const naive = [1010, 1000, 990].map(Math.exp); // what the course's code computes: inf / inf
    expect(naive[0] / naive.reduce((s, v) => s + v)).toBeNaN();
  });

  it("softmax([0.3, 2.9, 4.0]) = [0.01821127, 0.24519181, 0.73659691] and sums to 1; rows of `cols`", () => {
    const y = A.softmax([0.3, 2.9, 4.0]);
    expect(maxAbsDiff(y, [0.01821127, 0.24519181, 0.73659691])).toBeLessThan(1e-7);
    expect(y.reduce((s, v) => s + v)).toBeCloseTo(1, 6);
    const two = A.softmax([0.3, 2.9, 4.0, 1010, 1000, 990], 3);
    expect(maxAbsDiff(two.subarray(0, 3), y)).toBe(0);
    expect(() => A.softmax([1, 2, 3], 2)).toThrow(/3 values do not split into rows of 2/);
  });

  it("seed 003's softmax(a2)[0] gives the printed y_hat[0]", () => {
    const a2 = [-0.28615831, 0.07776111, 0.75183561, 0.20877389, 0.04245447, -0.52126731, -0.60078501, -1.00608647, -0.03605047, -0.60720834];
    const printed = [0.08124258, 0.11690468, 0.22939225, 0.13326927, 0.11284918, 0.06422101, 0.05931207, 0.03954785, 0.10432879, 0.05893231];
    expect(maxAbsDiff(A.softmax([...a2, ...a2], 10), [...printed, ...printed])).toBeLessThan(1e-7);
  });

  it("softmaxJacobian is y_i(δ_ij − y_j)", () => {
    const x = [0.3, 2.9, 4.0];
    const e = x.map(Math.exp), s = e.reduce((a, b) => a + b);
    const y = e.map((v) => v / s);
    const J = y.flatMap((yi, i) => y.map((yj, j) => yi * ((i === j ? 1 : 0) - yj)));
    expect(maxAbsDiff(A.softmaxJacobian(x), J)).toBeLessThan(1e-7);
  });
});

describe("lesson 2: the 3-layer forward pass", () => {
  it("forward(init_network(), [1.0, 0.5]) prints the course's [0.31682708 0.69627909]", () => {
    const y = forward(initNetwork(), [1.0, 0.5]);
    expect(maxAbsDiff(y, COURSE_FORWARD_OUTPUT)).toBeLessThan(1e-7);
    // the same pass in f64 by hand
    const net = initNetwork();
    let z = [1.0, 0.5];
    for (const [W, b, h] of [[net.W1, net.b1, sig], [net.W2, net.b2, sig], [net.W3, net.b3, (v: number) => v]] as const) {
      z = Array.from(b, (bj, j) => h(z.reduce((s, zi, i) => s + zi * W.data[i * W.shape[1] + j], bj)));
    }
    expect(maxAbsDiff(y, z)).toBeLessThan(1e-7);
    expect(predict(initNetwork(), [1.0, 0.5, 1.0, 0.5]).reduce((s, v) => s + v)).toBeCloseTo(2, 6); // two softmax rows
  });
});

describe("lesson 2: inference from the course's stored network (the book's sample_weight.pkl)", () => {
  it("scores the course's and the book's 9,352 of 10,000 (Accuracy:0.9352) in batches of 100; any batch size gives the same", async () => {
    const net = await loadSampleWeight();
    expect([net.W1.shape, net.W2.shape, net.W3.shape]).toEqual([[784, 50], [50, 100], [100, 10]]);
    const { test } = await loadMnist({ trainLimit: 0 });
    const r = batchAccuracy(net, test.images, test.labels, 100);
    // neuralnet_mnist_batch.py prints Accuracy:0.9352; numpy 2.4.6 in float32 counts 9,352 too, its
    // smallest top-2 logit gap over the 10,000 images being 0.0028, far above float32 rounding.
    expect(r).toEqual({ total: 10_000, batches: 100, correct: 9352, accuracy: COURSE_SAMPLE_WEIGHT_ACCURACY });
    const live = engine().heap.liveBytes; // the network and its buffers for 100 rows
    expect(batchAccuracy(net, test.images, test.labels, 100)).toEqual(r);
    expect(engine().heap.liveBytes).toBe(live); // a second pass keeps nothing more
    expect(batchAccuracy(net, test.images, test.labels, 3333).correct).toBe(9352); // the batch size changes nothing
    net.dispose();
    expect(engine().heap.liveBytes).toBeLessThan(live);
  });

  it("predict on the first test image gives numpy's probabilities (float32 softmax of the book's network)", async () => {
    const net = await loadSampleWeight();
    const { test } = await loadMnist({ trainLimit: 1, testLimit: 1 });
    const p = predict(net, Array.from(test.images.data.subarray(0, 784), (v) => v / 255));
    // numpy 2.4.6, float32: softmax(sigmoid(sigmoid(x@W1+b1)@W2+b2)@W3+b3), x = first test image / 255
    const numpy = [8.4412648e-5, 2.6350654e-6, 7.1549456e-4, 1.2586274e-3, 1.1727966e-6, 4.4990895e-5, 1.6269318e-8, 9.9706501e-1, 9.3744884e-6, 8.1831194e-4];
    p.forEach((v, i) => expect(Math.abs(v - numpy[i]) / numpy[i], `class ${i}`).toBeLessThan(1e-5));
    net.dispose();
  });

  it("the weights are resident: a call on initNetwork() uploads only its input; a plain dictionary is uploaded for the call", () => {
    const net = initNetwork(), heap = engine().heap, alloc = vi.spyOn(heap, "alloc");
    try {
      forward(net, [1.0, 0.5]);
      expect(alloc).toHaveBeenCalledTimes(1); // x
      alloc.mockClear();
      const plain = { W1: net.W1, b1: net.b1, W2: net.W2, b2: net.b2, W3: net.W3, b3: net.b3 };
      expect(forward(plain, [1.0, 0.5])).toEqual(forward(net, [1.0, 0.5]));
      expect(alloc.mock.calls.length).toBeGreaterThan(3); // three Dense layers built, then freed
    } finally {
      alloc.mockRestore();
    }
    net.W1.data[0] = 100; // W1 is a copy: the resident weights do not change
    expect(maxAbsDiff(forward(net, [1.0, 0.5]), COURSE_FORWARD_OUTPUT)).toBeLessThan(1e-7);
    const live = heap.liveBytes;
    net.dispose();
    expect(heap.liveBytes).toBeLessThan(live);
    expect(() => net.W1).toThrow(/this network was disposed/);
  });

  it("a pickle that is not the course network is refused, naming what it has", async () => {
    const { sampleWeightNetwork } = await import("../../src/course/sample-weight-network.js");
    const bytes = new Uint8Array(await readFile(join(ROOT, "test/io/numpy/fixtures/dict-p3.pkl")));
    expect(() => sampleWeightNetwork(bytes, "dict-p3.pkl")).toThrow(/dict-p3.pkl: the course network needs a dict with W1 \(\[inputs, units\]\), this pickle has keys W, b, i32/);
    await expect(loadSampleWeight(join(ROOT, "missing.pkl"))).rejects.toThrow(/ENOENT/);
  });
});

describe("lesson 2: the 784-50-100-10 network scratchnet trained (data/models/, TF.js files)", () => {
  it("reads as a course network and scores 9,682 of 10,000 (data/models/mnist-784-50-100-10/README.md)", async () => {
    const net = networkFromLayersModel(await readLayersModel(TRAINED_784_50_100_10_DIR));
    const { test } = await loadMnist({ trainLimit: 0 });
    expect(batchAccuracy(net, test.images, test.labels, 100).correct).toBe(9682);
    net.dispose();
  });

  it("a truncated weights.bin or a manifest that does not fit the topology is refused, naming the file", async () => {
    const json = JSON.parse(await readFile(join(TRAINED_784_50_100_10_DIR, "model.json"), "utf8"));
    const bin = new Uint8Array(await readFile(join(TRAINED_784_50_100_10_DIR, "weights.bin")));
    expect(parseLayersModel(json, bin).layers.map((l) => l.units)).toEqual([50, 100, 10]);

    const dir = await mkdtemp(join(tmpdir(), "scratchnet-model-"));
    await writeFile(join(dir, "model.json"), JSON.stringify(json));
    await writeFile(join(dir, "weights.bin"), bin.subarray(0, 1000));
    await expect(readLayersModel(dir)).rejects.toThrow(ModelFileError);
    await expect(readLayersModel(dir)).rejects.toThrow(`${join(dir, "weights.bin")}: 1000 bytes, but ${join(dir, "model.json")} lists 6 float32 arrays of 181440 bytes; it is truncated`);

    const wrongSize = structuredClone(json);
    wrongSize.weightsManifest[0].weights[2].shape = [50, 99];
    expect(() => parseLayersModel(wrongSize, bin)).toThrow(/weights.bin: 181440 bytes, but model.json lists 6 float32 arrays of 181240 bytes; it has extra bytes or belongs to another model/);
    const swapped = structuredClone(json);
    swapped.weightsManifest[0].weights[2].shape = [100, 50];
    expect(() => parseLayersModel(swapped, bin)).toThrow("model.json: dense_2/kernel has shape [100,50] but dense_2 (50 inputs, 100 units) needs [50,100]");
    const units = structuredClone(json);
    units.modelTopology.config.layers[2].config.units = 9;
    expect(() => parseLayersModel(units, bin)).toThrow(/dense_3\/kernel has shape \[100,10\] but dense_3 \(100 inputs, 9 units\) needs \[100,9\]/);
    await expect(readLayersModel(join(dir, "missing"))).rejects.toThrow(/missing[/\\]model.json: cannot be read/);
  });
});
