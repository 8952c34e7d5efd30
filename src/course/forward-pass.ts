// Lesson 2, the forward pass with given weights (seed 004): the 3-layer network of the course
// (init_network, forward: sigmoid, sigmoid, identity), the MNIST network (predict: sigmoid,
// sigmoid, softmax) and its accuracy computed in batches of 100, as neuralnet_mnist_batch.py does.
// Each layer is a = z·W + b then h(a): a Dense layer holding the given weights, so the passes
// run the library's layer code (the network is uploaded once per call, for all its batches).
// Seed 004 shows init_network as a picture; its numbers are the book's (Saito, "Deep Learning
// from Scratch", ch. 3, neuralnet.py), which prints [0.31682708 0.69627909] for x = [1.0, 0.5].
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { DataError, ShapeError } from "../core/errors.js";
import { withScope } from "../core/scope.js";
import { Indices } from "../ops/indices.js";
import { uploadInputs, type Inputs } from "../data/inputs.js";
import { countCorrect } from "../losses/accuracy.js";
import { forChunks } from "../models/inference.js";
import { forward as forwardLayers } from "../models/stack.js";
import type { LayersModel, StoredDense } from "../io/layers-model.js";
import { denseOf } from "./given-weights.js";

/** A weight matrix [inputs, units], row-major. */
export interface Matrix {
  shape: [number, number];
  data: Float32Array;
}

/** The course's network dictionary: W1, b1, W2, b2, W3, b3. */
export interface ForwardNetwork {
  W1: Matrix; b1: Float32Array;
  W2: Matrix; b2: Float32Array;
  W3: Matrix; b3: Float32Array;
}

const matrix = (rows: number[][]): Matrix => ({ shape: [rows.length, rows[0].length], data: Float32Array.from(rows.flat()) });

/** init_network(): the course's 2-3-2-2 network. */
export function initNetwork(): ForwardNetwork {
  return {
    W1: matrix([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]), b1: Float32Array.of(0.1, 0.2, 0.3),
    W2: matrix([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]), b2: Float32Array.of(0.1, 0.2),
    W3: matrix([[0.1, 0.3], [0.2, 0.4]]), b3: Float32Array.of(0.1, 0.2),
  };
}

/** What the course prints for forward(init_network(), [1.0, 0.5]). */
export const COURSE_FORWARD_OUTPUT = [0.31682708, 0.69627909] as const;
/** The accuracy the course reports for its stored network (sample_weight.pkl) on the 10,000 MNIST test images. */
export const COURSE_SAMPLE_WEIGHT_ACCURACY = 0.9352;

type Output = "identity" | "softmax";
type Run = (x: number, rows: number) => number;

/** The network as three Dense layers (h = sigmoid, sigmoid, `output`) for up to `maxRows` rows; `body` gets a runner, all freed after. */
function withNetwork<T>(net: ForwardNetwork, maxRows: number, output: Output, engine: Engine, body: (run: Run, inputs: number, classes: number) => T): T {
  const layers = [[net.W1, net.b1], [net.W2, net.b2], [net.W3, net.b3]] as const;
  let inputs = net.W1.shape[0];
  layers.forEach(([W, b], i) => {
    if (W.shape[0] !== inputs || W.data.length !== W.shape[0] * W.shape[1] || b.length !== W.shape[1]) {
      throw new ShapeError(`network: W${i + 1} is [${W.shape}] with ${W.data.length} values and b${i + 1} has ${b.length}; W${i + 1} needs [${inputs}, units] and b${i + 1} one value per unit`);
    }
    inputs = W.shape[1];
  });
  const h = ["sigmoid", "sigmoid", output] as const;
  return withScope(engine, (s) => {
    const stack = { layers: layers.map(([W, b], i) => denseOf(s, W.data, b, W.shape[0], h[i], maxRows)) };
    return body((x, rows) => forwardLayers(stack, x, rows, false), net.W1.shape[0], net.W3.shape[1]);
  });
}

function pass(what: string, net: ForwardNetwork, x: ArrayLike<number>, output: Output, engine: Engine): Float32Array {
  const n = net.W1.shape[0];
  if (x.length === 0 || x.length % n !== 0) throw new DataError(`${what}: ${x.length} values are not rows of ${n} inputs`);
  const rows = x.length / n;
  return withNetwork(net, rows, output, engine, (run, _inputs, classes) => withScope(engine, (s) => {
    const xs = s.alloc(x.length * 4);
    engine.heap.f32.set(x, xs >>> 2);
    const a = run(xs, rows) >>> 2;
    return engine.heap.f32.slice(a, a + rows * classes);
  }));
}

/** forward(network, x): sigmoid, sigmoid, identity; x holds one or more rows, the output rows×units. */
export function forward(network: ForwardNetwork, x: ArrayLike<number>, engine: Engine = defaultEngine()): Float32Array {
  return pass("forward", network, x, "identity", engine);
}

/** predict(network, x): sigmoid, sigmoid, softmax, as neuralnet_mnist.py. */
export function predict(network: ForwardNetwork, x: ArrayLike<number>, engine: Engine = defaultEngine()): Float32Array {
  return pass("predict", network, x, "softmax", engine);
}

export interface BatchAccuracy {
  correct: number;
  total: number;
  accuracy: number;
  batches: number;
}

/**
 * The course's batch loop: for i in range(0, len(x), batch_size), predict x[i:i+batch_size],
 * count argmax == t. `x` may be MNIST bytes ({data: Uint8Array, shape, scale}), scaled on the way in.
 */
export function batchAccuracy(network: ForwardNetwork, x: Inputs, t: ArrayLike<number>, batchSize = 100, engine: Engine = defaultEngine()): BatchAccuracy {
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new DataError(`batchAccuracy: batchSize must be a positive integer, got ${batchSize}`);
  return withScope(engine, (s) => {
    const xs = uploadInputs(engine, "batchAccuracy: x", x, network.W1.shape[0]);
    s.track(xs.ptr);
    if (t.length !== xs.rows) throw new DataError(`batchAccuracy: ${xs.rows} images but ${t.length} labels`);
    const labels = s.track(Indices.from(t, engine)).ptr;
    return withNetwork(network, Math.min(batchSize, xs.rows), "softmax", engine, (run, _inputs, classes) => {
      let correct = 0, batches = 0;
      forChunks(engine, xs, batchSize, (xb, _idx, i, count) => { // x_batch = x[i:i+batch_size]
        const y = run(xb, count);
        correct += countCorrect(engine.k, "sparseCategoricalCrossentropy", y, { ptr: labels + i * 4, sparse: true }, count, classes); // np.sum(argmax(y) == t)
        batches++;
      });
      return { correct, total: xs.rows, accuracy: correct / xs.rows, batches };
    });
  });
}

/** The course network from a stored 3-layer Dense model (src/io/layers-model.ts). */
export function networkFromLayersModel(model: LayersModel): ForwardNetwork {
  const dense = model.layers.filter((l): l is StoredDense => l.className === "Dense"), [l1, l2, l3] = dense;
  if (model.layers.length !== 3 || dense.length !== 3 || dense.some((l) => !l.bias)) {
    throw new ShapeError(`${model.name}: the course network has 3 Dense layers with biases, this model has ${model.layers.length}`);
  }
  const acts = dense.map((l) => l.activation).join(", ");
  if (acts !== "sigmoid, sigmoid, softmax") {
    throw new ShapeError(`${model.name}: the course network's activations are sigmoid, sigmoid, softmax, this model's are ${acts}`);
  }
  const m = (w: { shape: number[]; data: Float32Array }): Matrix => ({ shape: [w.shape[0], w.shape[1]], data: w.data });
  return { W1: m(l1.kernel), b1: l1.bias!.data, W2: m(l2.kernel), b2: l2.bias!.data, W3: m(l3.kernel), b3: l3.bias!.data };
}
