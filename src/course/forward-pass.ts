// Lesson 2, the forward pass with given weights (seed 004): the 3-layer network of the course
// (init_network, forward: sigmoid, sigmoid, identity), the MNIST network (predict: sigmoid,
// sigmoid, softmax) and its accuracy computed in batches of 100, as neuralnet_mnist_batch.py does.
// Each layer is a = z·W + b then h(a): an engine Dense layer holding the given weights, so the
// passes run the library's layer code. initNetwork() and loadSampleWeight() give networks already
// resident in WASM (given-network.ts), uploaded once; a plain dictionary is uploaded for the call.
// Seed 004 shows init_network as a picture; its numbers are the book's (Saito, "Deep Learning
// from Scratch", ch. 3, neuralnet.py), which prints [0.31682708 0.69627909] for x = [1.0, 0.5].
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { DataError, ModelError, ShapeError } from "../core/errors.js";
import { withScope } from "../core/scope.js";
import { Indices } from "../ops/indices.js";
import { uploadInputs, type Inputs } from "../data/inputs.js";
import { countCorrect } from "../losses/accuracy.js";
import { forChunks } from "../models/inference.js";
import type { LayersModel, StoredDense } from "../io/layers-model.js";
import { GivenNetwork, type ForwardNetwork, type Matrix } from "./given-network.js";

export { GivenNetwork, type ForwardNetwork, type Matrix };
export { sampleWeightNetwork } from "./sample-weight-network.js"; // a page fetches sample_weight.pkl and passes its bytes

const matrix = (rows: number[][]): Matrix => ({ shape: [rows.length, rows[0].length], data: Float32Array.from(rows.flat()) });

/** init_network(): the course's 2-3-2-2 network, resident in WASM (dispose() frees it). */
export function initNetwork(engine: Engine = defaultEngine()): GivenNetwork {
  return new GivenNetwork({
    W1: matrix([[0.1, 0.3, 0.5], [0.2, 0.4, 0.6]]), b1: Float32Array.of(0.1, 0.2, 0.3),
    W2: matrix([[0.1, 0.4], [0.2, 0.5], [0.3, 0.6]]), b2: Float32Array.of(0.1, 0.2),
    W3: matrix([[0.1, 0.3], [0.2, 0.4]]), b3: Float32Array.of(0.1, 0.2),
  }, engine);
}

/** What the course prints for forward(init_network(), [1.0, 0.5]). */
export const COURSE_FORWARD_OUTPUT = [0.31682708, 0.69627909] as const;
/** The accuracy the course (and the book) print for sample_weight.pkl on the 10,000 MNIST test images: 9,352 correct. */
export const COURSE_SAMPLE_WEIGHT_ACCURACY = 0.9352;

/** `body` with `network` resident: itself if it is, else uploaded for the call and freed after. */
function withNetwork<T>(network: ForwardNetwork, engine: Engine | undefined, body: (net: GivenNetwork) => T): T {
  if (network instanceof GivenNetwork) {
    if (engine && engine !== network.engine) {
      throw new ModelError("this network lives in another engine; pass no engine, or build the network in this one");
    }
    return body(network);
  }
  const net = new GivenNetwork(network, engine ?? defaultEngine());
  try {
    return body(net);
  } finally {
    net.dispose();
  }
}

function pass(what: string, network: ForwardNetwork, x: ArrayLike<number>, output: "identity" | "softmax", engine?: Engine): Float32Array {
  return withNetwork(network, engine, (net) => {
    const n = net.inputs, e = net.engine;
    if (x.length === 0 || x.length % n !== 0) throw new DataError(`${what}: ${x.length} values are not rows of ${n} inputs`);
    const rows = x.length / n;
    return withScope(e, (s) => {
      const xs = s.alloc(x.length * 4);
      e.heap.f32.set(x, xs >>> 2);
      const a = net.run(xs, rows, output) >>> 2;
      return e.heap.f32.slice(a, a + rows * net.classes);
    });
  });
}

/** forward(network, x): sigmoid, sigmoid, identity; x holds one or more rows, the output rows×units. */
export function forward(network: ForwardNetwork, x: ArrayLike<number>, engine?: Engine): Float32Array {
  return pass("forward", network, x, "identity", engine);
}

/** predict(network, x): sigmoid, sigmoid, softmax, as neuralnet_mnist.py. */
export function predict(network: ForwardNetwork, x: ArrayLike<number>, engine?: Engine): Float32Array {
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
export function batchAccuracy(
  network: ForwardNetwork, x: Inputs, t: ArrayLike<number>, batchSize = 100, engine?: Engine,
): BatchAccuracy {
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new DataError(`batchAccuracy: batchSize must be a positive integer, got ${batchSize}`);
  return withNetwork(network, engine, (net) => withScope(net.engine, (s) => {
    const e = net.engine, xs = uploadInputs(e, "batchAccuracy: x", x, net.inputs);
    s.track(xs.ptr);
    if (t.length !== xs.rows) throw new DataError(`batchAccuracy: ${xs.rows} images but ${t.length} labels`);
    const labels = s.track(Indices.from(t, e)).ptr;
    let correct = 0, batches = 0;
    forChunks(e, xs, batchSize, (xb, _idx, i, count) => { // x_batch = x[i:i+batch_size]
      const y = net.run(xb, count, "softmax");
      const t = { ptr: labels + i * 4, sparse: true };
      correct += countCorrect(e, "sparseCategoricalCrossentropy", y, t, count, net.classes); // np.sum(argmax(y) == t)
      batches++;
    });
    return { correct, total: xs.rows, accuracy: correct / xs.rows, batches };
  }));
}

/** The course network from a stored 3-layer Dense model (src/io/layers-model.ts), resident in WASM. */
export function networkFromLayersModel(model: LayersModel, engine: Engine = defaultEngine()): GivenNetwork {
  const dense = model.layers.filter((l): l is StoredDense => l.className === "Dense"), [l1, l2, l3] = dense;
  if (model.layers.length !== 3 || dense.length !== 3 || dense.some((l) => !l.bias)) {
    throw new ShapeError(`${model.name}: the course network has 3 Dense layers with biases, this model has ${model.layers.length}`);
  }
  const acts = dense.map((l) => l.activation).join(", ");
  if (acts !== "sigmoid, sigmoid, softmax") {
    throw new ShapeError(`${model.name}: the course network's activations are sigmoid, sigmoid, softmax, this model's are ${acts}`);
  }
  const m = (w: { shape: number[]; data: Float32Array }): Matrix => ({ shape: [w.shape[0], w.shape[1]], data: w.data });
  const network = { W1: m(l1.kernel), b1: l1.bias!.data, W2: m(l2.kernel), b2: l2.bias!.data, W3: m(l3.kernel), b3: l3.bias!.data };
  return new GivenNetwork(network, engine);
}
