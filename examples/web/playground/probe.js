// One picture frame from the worker's model: a forward pass over a GRID × GRID lattice of [-1, 1]²
// gives the class probabilities (the heat map); the same pass leaves each Dense layer's output in
// WASM memory (`layer.output`), read through the engine's Heap view (taken after predict, which
// may have grown memory) into one small picture per unit. Also the weights and penalty.
import { engine } from "../lib/scratchnet.js";
import { GRID, NEURON_GRID } from "./settings.js";

/** Per-neuron pictures take every STRIDE-th lattice point. */
const STRIDE = GRID / NEURON_GRID;

const lattice = new Float32Array(GRID * GRID * 2);
for (let j = 0; j < GRID; j++) for (let i = 0; i < GRID; i++) {
  lattice[2 * (j * GRID + i)] = -1 + (2 * i + 1) / GRID;
  lattice[2 * (j * GRID + i) + 1] = 1 - (2 * j + 1) / GRID;
}

/** Unit-major pictures of one layer: out[u][row][col], from row-major activations at `ptr`. */
function layerPictures(f32, ptr, units) {
  const N = NEURON_GRID, out = new Float32Array(units * N * N), base = ptr >>> 2;
  for (let r = 0; r < N; r++) for (let c = 0; c < N; c++) {
    const row = base + (r * STRIDE * GRID + c * STRIDE) * units;
    for (let u = 0; u < units; u++) out[u * N * N + r * N + c] = f32[row + u];
  }
  return out;
}

/**
 * probs: GRID² × classes; neurons: one Float32Array per layer (the last is the output); kernels: each layer's
 * weights [in, out] row-major; penalty: the L1/L2 term in the loss; norm: √Σw² over the kernels.
 */
export function frame(model) {
  // One chunk, so that every layer's output holds the whole lattice when predict returns.
  const probs = model.predict({ data: lattice, shape: [GRID * GRID, 2] }, { batchSize: GRID * GRID }).data;
  const f32 = engine().heap.f32;
  const neurons = model.layers.map((layer) => layerPictures(f32, layer.output, layer.units));
  const kernels = model.getWeights().filter((w) => w.shape.length === 2).map((w) => w.data);
  let sum = 0;
  for (const k of kernels) for (const v of k) sum += v * v;
  const penalty = model.layers.reduce((p, layer) => p + layer.penalty(), 0);
  return { probs, neurons, kernels, penalty, norm: Math.sqrt(sum) };
}

/** The buffers of a frame, to transfer rather than copy to the page. */
export const transferables = (f) => [f.probs.buffer, ...f.neurons.map((n) => n.buffer), ...f.kernels.map((k) => k.buffer)];
