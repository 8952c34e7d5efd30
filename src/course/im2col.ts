// Lesson 15 (Saito 7.4.3, common/util.py): the book's im2col, with its names and NCHW layout,
// on the engine's NHWC kernel (src/ops/conv.ts): the image is uploaded channels-last, the
// kernel writes each window as (ki, kj, channel), and one transpose per row gives the book's
// (channel, ki, kj) column order. For printing on small examples, not for a training step.
import { Tensor } from "../core/tensor.js";
import { ShapeError } from "../core/errors.js";
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { im2col as im2colNHWC, type ConvGeometry } from "../ops/conv.js";
import { transpose } from "../ops/linear.js";

const fail = (why: string): never => {
  throw new ShapeError(`im2col: ${why}`);
};

/** [N, C, H, W] of a rectangular nested array, or a ShapeError naming what is ragged. */
function shape4(x: number[][][][]): [number, number, number, number] {
  const dims = [x.length, x[0]?.length ?? 0, x[0]?.[0]?.length ?? 0, x[0]?.[0]?.[0]?.length ?? 0] as [number, number, number, number];
  if (dims.includes(0)) fail("inputData must be a non-empty (N, C, H, W) array of images, e.g. np.random.rand(1, 3, 7, 7)");
  const ragged = x.some((img) => img.length !== dims[1] || img.some((ch) => ch.length !== dims[2] || ch.some((r) => r.length !== dims[3])));
  if (ragged) fail(`inputData is ragged; every image must be ${dims.slice(1).join(" × ")} (C × H × W) like the first`);
  return dims;
}

/**
 * The book's im2col(input_data, filter_h, filter_w, stride=1, pad=0): input (N, C, H, W) to col
 * (N·outH·outW, C·filterH·filterW), outH = (H + 2·pad − filterH) / stride + 1 (floored), zeros in
 * the padding. The caller owns the returned tensor (print col.shape, col.toRows()).
 */
export function im2col(inputData: number[][][][], filterH: number, filterW: number, stride = 1, pad = 0,
  engine: Engine = defaultEngine()): Tensor {
  const [n, c, h, w] = shape4(inputData);
  for (const [name, v, least] of [["filterH", filterH, 1], ["filterW", filterW, 1], ["stride", stride, 1], ["pad", pad, 0]] as const) {
    if (!(Number.isInteger(v) && v >= least)) fail(`${name} is ${v}; it must be an integer ≥ ${least}`);
  }
  const outH = Math.floor((h + 2 * pad - filterH) / stride) + 1, outW = Math.floor((w + 2 * pad - filterW) / stride) + 1;
  if (outH < 1 || outW < 1) {
    fail(`a ${filterH}×${filterW} filter does not fit a ${h}×${w} image with pad ${pad}; pad more or use a smaller filter`);
  }
  const g: ConvGeometry = { h, w, c, kh: filterH, kw: filterW, stride, padTop: pad, padLeft: pad, outH, outW };
  const values = new Array<number>(n * h * w * c); // the upload, channels last
  inputData.forEach((img, b) => img.forEach((ch, k) => ch.forEach((row, y) => row.forEach((v, x) => {
    values[((b * h + y) * w + x) * c + k] = v;
  }))));
  const x = Tensor.from(values, n, h * w * c, engine), hwc = im2colNHWC(x, g), taps = filterH * filterW;
  const col = Tensor.zeros(hwc.rows, hwc.cols, engine);
  for (let r = 0; r < hwc.rows; r++) {
    const at = (t: Tensor) => t.ptr + r * t.cols * 4;
    transpose(new Tensor(engine, at(hwc), taps, c, hwc), new Tensor(engine, at(col), c, taps, col)); // (ki, kj, ch) → (ch, ki, kj)
  }
  x.dispose();
  hwc.dispose();
  return col;
}
