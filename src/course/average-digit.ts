// Seed 002's first classifier, before any training: the average image of one digit used as a
// weight vector. predict(x) = σ(W·x + b) with W = mean of the training images of `digit` and the
// course's hand-picked b = −45; a sample counts as that digit when the prediction exceeds the
// threshold 0.5. evaluate() is the fraction judged right, the digit against all the others.
// The mean is one product (1/n, …, 1/n)·X and the scores X·W + b, σ in WASM; only the
// comparison with the threshold and the count run in JS.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { DataError, ModelError } from "../core/errors.js";
import { withScope, type Scope } from "../core/scope.js";
import { shapeOf, uploadInputs, type DeviceInputs, type Inputs, type Matrix2D } from "../data/inputs.js";
import { forChunks } from "../models/inference.js";
import { getActivation } from "../layers/activations.js";
import { COURSE_EVAL_ROWS } from "./course-eval.js";

/** The course's bias for the average 8 (`b = -45`). */
export const AVERAGE_DIGIT_BIAS = -45;
/** The course's decision threshold. */
export const AVERAGE_DIGIT_THRESHOLD = 0.5;

/** Images (rows of pixels; bytes are scaled by 1/255 unless the matrix says otherwise) and digit labels. */
export interface DigitData {
  images: Inputs;
  labels: ArrayLike<number>;
}

/** The images in WASM, freed with `scope`, after checking there is a label for each. */
function upload(scope: Scope, what: string, data: DigitData): DeviceInputs {
  const inputs = uploadInputs(scope.engine, what, data.images, shapeOf(what, data.images)[1]);
  scope.track(inputs.ptr);
  if (data.labels.length !== inputs.rows) throw new DataError(`${what}: ${inputs.rows} images but ${data.labels.length} labels; give one label per image`);
  return inputs;
}

/** The mean image of `digit` in `data` (the course's average_digit), as 784 (cols) floats. */
export function averageDigit(data: DigitData, digit: number, engine: Engine = defaultEngine()): Float32Array {
  const heap = engine.heap, k = engine.k;
  return withScope(engine, (s) => {
    const x = upload(s, "averageDigit: data", data);
    const chosen: number[] = [];
    for (let i = 0; i < x.rows; i++) if (data.labels[i] === digit) chosen.push(i);
    const n = chosen.length;
    if (n === 0) throw new DataError(`averageDigit: no image is labelled ${digit}; labels must include the digit to average`);
    const idx = s.alloc(n * 4), rows = s.alloc(n * x.cols * 4), weights = s.alloc(n * 4), mean = s.alloc(x.cols * 4);
    heap.i32.set(chosen, idx >>> 2);
    if (x.bytes) k.gatherRowsU8(x.ptr, idx, rows, n, x.cols, x.scale);
    else k.gatherRows(x.ptr, idx, rows, n, x.cols);
    heap.f32.fill(1 / n, weights >>> 2, (weights >>> 2) + n);
    k.gemm(weights, rows, mean, 1, n, x.cols, 0); // (1/n, …, 1/n)·X: np.average(axis=0)
    return heap.f32.slice(mean >>> 2, (mean >>> 2) + x.cols);
  });
}

/** σ(W·x + b) for every image (the course's predict, for a whole set at once). */
export function predictAverageDigit(images: Inputs, w: ArrayLike<number>, b = AVERAGE_DIGIT_BIAS, engine: Engine = defaultEngine()): Float32Array {
  const heap = engine.heap, k = engine.k, sigmoid = getActivation("sigmoid");
  return withScope(engine, (s) => {
    const x = uploadInputs(engine, "predictAverageDigit: images", images, w.length);
    s.track(x.ptr);
    const out = new Float32Array(x.rows);
    const wPtr = s.alloc(w.length * 4), bPtr = s.alloc(4), z = s.alloc(Math.min(COURSE_EVAL_ROWS, x.rows) * 4);
    heap.f32.set(w, wPtr >>> 2);
    heap.f32[bPtr >>> 2] = b;
    forChunks(engine, x, COURSE_EVAL_ROWS, (xb, _idx, start, count) => {
      k.gemm(xb, wPtr, z, count, x.cols, 1, 0); // X·W (W as one column)
      k.addRowVector(z, bPtr, z, count, 1);
      sigmoid.forward(k, z, z, count, 1);
      out.set(heap.f32.subarray(z >>> 2, (z >>> 2) + count), start);
    });
    return out;
  });
}

/**
 * The course's evaluate(data, digit, threshold, W, b): the fraction of samples judged right,
 * where right means prediction > threshold for an image of `digit` and ≤ threshold for any other.
 */
export function evaluateAverageDigit(data: DigitData, digit: number, threshold = AVERAGE_DIGIT_THRESHOLD, w: ArrayLike<number>, b = AVERAGE_DIGIT_BIAS, engine: Engine = defaultEngine()): number {
  if (data.labels.length === 0) throw new ModelError("evaluateAverageDigit: no samples to evaluate");
  const p = predictAverageDigit(data.images, w, b, engine);
  if (p.length !== data.labels.length) throw new DataError(`evaluateAverageDigit: ${p.length} images but ${data.labels.length} labels; give one label per image`);
  let correct = 0;
  for (let i = 0; i < p.length; i++) if ((p[i] > threshold) === (data.labels[i] === digit)) correct++;
  return correct / p.length;
}

/** Only the samples labelled `digit` (the course's `eight_test`), for its accuracy on that digit alone. */
export function onlyDigit(data: { images: Matrix2D; labels: ArrayLike<number> }, digit: number): DigitData {
  const cols = data.images.shape[1], keep: number[] = [];
  for (let i = 0; i < data.labels.length; i++) if (data.labels[i] === digit) keep.push(i);
  const src = data.images.data, dst = new (src instanceof Uint8Array ? Uint8Array : Float32Array)(keep.length * cols);
  keep.forEach((r, j) => { for (let c = 0; c < cols; c++) dst[j * cols + c] = src[r * cols + c]; });
  return { images: { data: dst, shape: [keep.length, cols], scale: data.images.scale }, labels: keep.map(() => digit) };
}
