// Seed 002's first classifier, before any training: the average image of one digit used as a
// weight vector. predict(x) = σ(W·x + b) with W = mean of the training images of `digit` and the
// course's hand-picked b = −45; a sample counts as that digit when the prediction exceeds the
// threshold 0.5. evaluate() is the fraction judged right, the digit against all the others.
// The mean is one product (1/n, …, 1/n)·X; the scores σ(X·W + b) are a Dense unit holding W and
// b (the library's layer code). Only the comparison with the threshold and the count run in JS.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { DataError, ModelError } from "../core/errors.js";
import { withScope, type Scope } from "../core/scope.js";
import { shapeOf, uploadInputs, type DeviceInputs, type Inputs, type Matrix2D } from "../data/inputs.js";
import { Tensor } from "../core/tensor.js";
import { Indices } from "../ops/indices.js";
import { gemm } from "../ops/linear.js";
import { gatherInputRows } from "../ops/data.js";
import { forChunks } from "../models/inference.js";
import { COURSE_EVAL_ROWS } from "./course-eval.js";
import { denseOf } from "./given-weights.js";

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
  if (data.labels.length !== inputs.rows) throw new DataError(`${what}: ${inputs.rows} images but ${data.labels.length} labels; `
      + `give one label per image`);
  return inputs;
}

/** The mean image of `digit` in `data` (the course's average_digit), as 784 (cols) floats. */
export function averageDigit(data: DigitData, digit: number, engine: Engine = defaultEngine()): Float32Array {
  return withScope(engine, (s) => {
    const x = upload(s, "averageDigit: data", data);
    const chosen: number[] = [];
    for (let i = 0; i < x.rows; i++) if (data.labels[i] === digit) chosen.push(i);
    const n = chosen.length;
    if (n === 0) throw new DataError(`averageDigit: no image is labelled ${digit}; labels must include the digit to average`);
    const rows = s.track(gatherInputRows(x, s.track(Indices.from(chosen, engine)))); // the images of `digit`
    const weights = s.track(Tensor.from(new Float32Array(n).fill(1 / n), 1, n, engine));
    return s.track(gemm(weights, rows)).toArray(); // (1/n, …, 1/n)·X: np.average(axis=0)
  });
}

/** σ(W·x + b) for every image (the course's predict, for a whole set at once). */
export function predictAverageDigit(
  images: Inputs, w: ArrayLike<number>, b = AVERAGE_DIGIT_BIAS, engine: Engine = defaultEngine(),
): Float32Array {
  return withScope(engine, (s) => {
    const x = uploadInputs(engine, "predictAverageDigit: images", images, w.length);
    s.track(x.ptr);
    const out = new Float32Array(x.rows), unit = denseOf(s, w, [b], w.length, "sigmoid", Math.min(COURSE_EVAL_ROWS, x.rows));
    forChunks(engine, x, COURSE_EVAL_ROWS, (xb, _idx, start, count) => {
      const z = unit.forward(xb, count, false) >>> 2; // W as one column
      out.set(engine.heap.f32.subarray(z, z + count), start);
    });
    return out;
  });
}

/**
 * The course's evaluate(data, digit, threshold, W, b): the fraction of samples judged right,
 * where right means prediction > threshold for an image of `digit` and ≤ threshold for any other.
 */
export function evaluateAverageDigit(
  data: DigitData, digit: number, threshold = AVERAGE_DIGIT_THRESHOLD, w: ArrayLike<number>, b = AVERAGE_DIGIT_BIAS,
  engine: Engine = defaultEngine(),
): number {
  if (data.labels.length === 0) throw new ModelError("evaluateAverageDigit: no samples to evaluate");
  const p = predictAverageDigit(data.images, w, b, engine);
  if (p.length !== data.labels.length) throw new DataError(`evaluateAverageDigit: ${p.length} images but ${data.labels.length} labels; `
      + `give one label per image`);
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
