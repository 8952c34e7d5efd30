// Refused calls of the course's classes leave WASM memory as it was (heap.liveBytes before ==
// after), refuse non-numbers by row and column, and lesson 7's workspace step (its Dense
// layers) gives the numbers of the lesson's functions without allocating.
import { describe, it, expect } from "vitest";
import { Tensor, engine } from "../../src/index.js";
import { Rng } from "../../src/core/random.js";
import { Indices } from "../../src/ops/indices.js";
import { DeepNeuralNet } from "../../src/course/deep-neural-net.js";
import { Perceptron } from "../../src/course/perceptron.js";
import {
  affineBackward, affineForward, disposeParams, initParams, oneHot, sigmoid, sigmoidGrad, softmax, StepWorkspace, trainStep,
} from "../../src/course/step-by-step.js";
import { softmaxSparseCrossEntropyBackward } from "../../src/ops/losses.js";
import { imagesToTensors, trainingCycle } from "../../src/course/step-by-step-cycle.js";
import { seededValues } from "../helpers.js";
import { softmaxJacobian, reluDerivative } from "../../src/course/activations.js";
import { xorNetwork } from "../../src/course/perceptron.js";
import { batchAccuracy, forward, initNetwork } from "../../src/course/forward-pass.js";
import { averageDigit, predictAverageDigit } from "../../src/course/average-digit.js";
import { SingleLayer } from "../../src/course/single-layer.js";
import { MultiClassNetwork } from "../../src/course/minibatch-network.js";
import { SequentialNetwork, DenseLayer, ActivationLayer } from "../../src/course/sequential-network.js";
import { accuracy } from "../../src/course/step-by-step.js";
import { withDraw } from "../../src/data/draw.js";
import { stratifiedSplit } from "../../src/data/split.js";

const unchanged = (f: () => unknown, message: RegExp) => {
  const live = engine().heap.liveBytes;
  expect(f).toThrow(message);
  expect(engine().heap.liveBytes).toBe(live);
};

describe("refused course calls free what they allocated", () => {
  it("DeepNeuralNet.fit with a bad y, and non-numbers in X or y, by row and column", () => {
    const net = new DeepNeuralNet([2, 3, 1], [], 1, 2);
    const X = [[0, 1, 0, 1], [0, 0, 1, 1]];
    unchanged(() => net.fit(X, [[0, 1, 1], [0]]), /rows of different lengths/);
    unchanged(() => net.fit(X, [[0, 1, "1" as unknown as number, 0]]), /y row 0, column 2 is "1"/);
    unchanged(() => net.fit([[0, 1, 0, 1], [0, NaN, 1, 1]], [0, 1, 1, 0]), /X .*row 1, column 1/);
    unchanged(() => net.fit([[0, 1, 0, 1], [0, null as unknown as number, 1, 1]], [0, 1, 1, 0]), /X row 1, column 1 is null/);
    net.dispose();
  });

  it("Perceptron.fit refuses non-numbers and NaN by row and column", () => {
    const p = new Perceptron(2);
    unchanged(() => p.fit([[0, 0], [0, "1" as unknown as number]], [0, 1]), /row 1, column 1 is "1"/);
    unchanged(() => p.fit([[0, 0], [NaN, 1]], [0, 1]), /row 1, column 0/);
  });

  it("trainStep without a workspace, oneHot of an array, imagesToTensors", () => {
    const rng = new Rng(engine(), 1), params = initParams(4, 3, 10, rng);
    const X = Tensor.from(seededValues(8, -1, 1, 2), 2, 4);
    const Y3 = Indices.from([1, 2, 3]), Y = Indices.from([1, 12]), Y1 = Indices.from([0]);
    unchanged(() => trainStep(X, Y3, params), /2 rows but Y has 3 labels/);
    unchanged(() => trainStep(X, Y, params), /index 1 is 12/);
    unchanged(() => oneHot([0, 12], 10), /index 1 is 12/);
    unchanged(() => imagesToTensors({ data: [1, 2, 3, 4], shape: [2, 2] }, [0, -1]), /value 1 is -1/);
    unchanged(() => imagesToTensors({ data: [1, 2, 3, 4], shape: [2, 2] }, [0, 1, 2]), /2 images but 3 labels/);
    unchanged(() => trainingCycle(X, Y1, X, Y, { itersNum: 1, batchSize: 2 }), /2 rows but Y has 1 labels/);
    for (const t of [X, Y, Y1, Y3, rng]) t.dispose();
    disposeParams(params);
  });
});

describe("lesson 7's workspace step", () => {
  it("gives bit for bit the loss and parameters of the lesson's functions (affineForward, affineBackward, …), and 50 steps allocate nothing", () => {
    const rng = new Rng(engine(), 3), a = initParams(6, 5, 10, rng, 0.5);
    const [W1, b1, W2, b2] = [a.W1, a.b1, a.W2, a.b2].map((t) => Tensor.from(t.data, t.rows, t.cols));
    const X = Tensor.from(seededValues(24, -1, 1, 4), 4, 6), Y = Indices.from([3, 0, 9, 3]);
    const work = new StepWorkspace(4, a);
    const loss = trainStep(X, Y, a, 0.1, work);
    // The same step in the lesson's functions on tensors of their own.
    const [a1, c1] = affineForward(X, W1, b1);
    const z1 = sigmoid(a1);
    const [a2, c2] = affineForward(z1, W2, b2);
    const yHat = softmax(a2), dy = Tensor.zeros(4, 10);
    const ref = softmaxSparseCrossEntropyBackward(yHat, Y, dy);
    const [dz1, dW2, db2] = affineBackward(dy, c2);
    const da1 = sigmoidGrad(z1, dz1!);
    const [, dW1, db1] = affineBackward(da1, c1, { dX: null });
    const k = engine().k;
    for (const [p, g] of [[W1, dW1], [b1, db1], [W2, dW2], [b2, db2]] as const) k.sgdStep(p.ptr, g.ptr, p.size, 0.1);
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBe(ref);
    expect([a.W1, a.b1, a.W2, a.b2].map((t) => t.toArray())).toEqual([W1, b1, W2, b2].map((t) => t.toArray()));
    const heap = engine().heap, allocations = heap.allocations, live = heap.liveBytes;
    for (let i = 0; i < 50; i++) trainStep(X, Y, a, 0.1, work);
    expect([heap.allocations, heap.liveBytes]).toEqual([allocations, live]);
    for (const t of [work, X, Y, rng, W1, b1, W2, b2, a1, z1, a2, yHat, dy, dz1!, dW2, db2, da1, dW1, db1]) t.dispose();
    disposeParams(a);
  });
});

describe("every course call gives back what it allocated (src/core/scope.ts), finished or refused", () => {
  const heap = () => engine().heap;
  /** `f` leaves liveBytes as it was, whether it returns or throws (when `refused` is given). */
  const balanced = (f: () => unknown, refused?: RegExp) => {
    const live = heap().liveBytes;
    if (refused) expect(f).toThrow(refused);
    else f();
    expect(heap().liveBytes).toBe(live);
  };
  const x = [[0, 0], [1, 0], [0, 1], [1, 1]], y2 = [0, 1, 1, 0];

  it("activations, gates and lesson 2's forward pass", () => {
    balanced(() => softmaxJacobian([1, 2, 3]));
    balanced(() => reluDerivative([-1, 0, 2]));
    balanced(() => xorNetwork(x));
    // initNetwork() is resident (its layers live until dispose()); its buffers grow once to the most rows a call passes
    const net = initNetwork();
    batchAccuracy(net, x, y2, 4);
    balanced(() => forward(net, [1, 0.5]));
    balanced(() => batchAccuracy(net, x.map(([a, b]) => [a, b]), [0, 1, 1, 0], 3));
    balanced(() => batchAccuracy(net, x, [0, 1]), /4 images but 2 labels/);
    const plain = { W1: net.W1, b1: net.b1, W2: net.W2, b2: net.b2, W3: net.W3, b3: net.b3 };
    balanced(() => batchAccuracy(plain, x, y2, 3)); // a plain dictionary: uploaded for the call, freed after
    balanced(() => forward({ ...plain, b3: Float32Array.of(1) }, [1, 0.5]), /W3 is \[2,2\] with 4 values and b3 has 1/);
    balanced(() => initNetwork().dispose());
    net.dispose();
  });

  it("the average digit", () => {
    const data = { images: [[0, 1], [1, 1], [1, 0]], labels: [8, 8, 3] };
    balanced(() => averageDigit(data, 8));
    balanced(() => predictAverageDigit(data.images, [1, 1]));
    balanced(() => averageDigit(data, 5), /no image is labelled 5/);
    balanced(() => averageDigit({ ...data, labels: [8] }, 8), /3 images but 1 labels/);
  });

  it("seed 001's networks: fit, score, predict and refused targets", () => {
    const single = new SingleLayer().fit(x, y2, { epochs: 2 });
    balanced(() => single.fit(x, y2, { epochs: 2, xVal: x, yVal: y2 }));
    balanced(() => single.score(x, y2));
    balanced(() => single.fit(x, [0, 1, 2, 0.5]), /targets in \[0, 1\]/);
    balanced(() => single.fit(x, y2, { xVal: x, yVal: [0, 1] }), /validation: y has 2 rows/);
    single.dispose();
    const multi = new MultiClassNetwork({ units: 3, batchSize: 2, seed: 1 }).fit(x, [0, 1, 2, 1], { epochs: 1 });
    multi.predict(x); // the first pass of 4 rows grows the layers' buffers, which they keep
    balanced(() => multi.predict(x));
    balanced(() => multi.score(x, [0, 1, 2, 7]), /not a class index in 0\.\.2/);
    multi.dispose();
  });

  it("SequentialNetwork.train and evaluate, and DeepNeuralNet.predict with several outputs", () => {
    const net = new SequentialNetwork({ seed: 3, print: () => {} });
    for (const layer of [new DenseLayer(2, 3), new ActivationLayer(3), new DenseLayer(3, 2)]) net.add(layer);
    const data = { x, y: [0, 1, 1, 0] };
    net.train(data, 1, 2, 0.5, data);
    balanced(() => net.train(data, 1, 2, 0.5, data));
    balanced(() => net.evaluate(data));
    balanced(() => net.train({ x, y: [0, 1] }, 1, 2, 0.5), /has 2 rows but the inputs have 4/);
    net.dispose();
    const deep = new DeepNeuralNet([2, 3, 2], [], 1, 2);
    const X = [[0, 1, 0, 1], [0, 0, 1, 1]];
    deep.predict(X); // the first pass makes the workspace for 4 samples, which the net keeps
    balanced(() => deep.predict(X));
    deep.dispose();
  });

  it("lesson 7's accuracy reads views of x and y: it frees nothing of them", () => {
    const rng = new Rng(engine(), 5), params = initParams(4, 3, 10, rng);
    const X = Tensor.from(seededValues(8, -1, 1, 2), 2, 4), Y = Indices.from([1, 2]);
    accuracy(params, X, Y); // the first pass grows the layers' buffers, which they keep
    balanced(() => accuracy(params, X, Y));
    expect([X.isDisposed, Y.isDisposed, X.data.length, Y.toArray()]).toEqual([false, false, 8, [1, 2]]);
    for (const t of [X, Y, rng]) t.dispose();
    disposeParams(params);
  });

  it("the data helpers' draws", () => {
    balanced(() => withDraw(1, (d) => [d.permutation(10), d.normal(3)]));
    balanced(() => stratifiedSplit([0, 1, 0, 1, 0, 1], 0.5, 7));
    balanced(() => withDraw(1, () => { throw new RangeError("body failed"); }), /body failed/);
  });
});
