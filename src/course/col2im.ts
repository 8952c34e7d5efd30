// Lesson 15 (Saito 7.4.3, common/util.py): the book's col2im, im2col's adjoint, with its names and
// NCHW layout, on the engine's NHWC kernel (src/ops/conv.ts): each row of col is reordered from the
// book's (channel, ki, kj) to the kernel's (ki, kj, channel) by one transpose, then every entry is
// added at the pixel it was copied from (overlapping windows add up; the padding is dropped).
import { ShapeError } from "../core/errors.js";
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { Tensor } from "../core/tensor.js";
import { col2im as col2imNHWC, type ConvGeometry } from "../ops/conv.js";
import { transpose } from "../ops/linear.js";
import { toNCHW, type Images4D } from "./conv-layout.js";
import { convOutputSize } from "./convolution.js";

/**
 * The book's col2im(col, input_shape, filter_h, filter_w, stride=1, pad=0): col (N·OH·OW, C·FH·FW),
 * as im2col writes it, to images (N, C, H, W) of inputShape, each pixel the sum of its copies in col.
 */
export function col2im(col: Tensor | number[][], inputShape: [number, number, number, number], filterH: number, filterW: number,
  stride = 1, pad = 0, engine: Engine = defaultEngine()): Images4D {
  const [n, c, h, w] = inputShape;
  for (const [name, v, least] of [["N", n, 1], ["C", c, 1], ["H", h, 1], ["W", w, 1], ["filterH", filterH, 1], ["filterW", filterW, 1],
    ["stride", stride, 1], ["pad", pad, 0]] as const) {
    if (!(Number.isInteger(v) && v >= least)) throw new ShapeError(`col2im: ${name} is ${v}; it must be an integer ≥ ${least}`);
  }
  const outH = convOutputSize("col2im", h, filterH, stride, pad), outW = convOutputSize("col2im", w, filterW, stride, pad);
  const rows = n * outH * outW, taps = filterH * filterW, cols = c * taps;
  const given = col instanceof Tensor ? col.shape : [col.length, col[0]?.length ?? 0];
  if (given[0] !== rows || given[1] !== cols || (!(col instanceof Tensor) && col.some((r) => r.length !== cols))) {
    throw new ShapeError(`col2im: col is ${given[0]} × ${given[1]}; for (${inputShape}) and a ${filterH}×${filterW} filter `
      + `(stride ${stride}, pad ${pad}) it must be N·OH·OW × C·FH·FW = ${rows} × ${cols}, as im2col returns it`);
  }
  const book = col instanceof Tensor ? col : Tensor.from(col.flat(), rows, cols, engine);
  const nhwc = Tensor.zeros(rows, cols, engine), dx = Tensor.zeros(n, h * w * c, engine);
  for (let r = 0; r < rows; r++) {
    const at = (t: Tensor) => t.ptr + r * cols * 4;
    transpose(new Tensor(engine, at(book), c, taps, book), new Tensor(engine, at(nhwc), taps, c, nhwc)); // (ch, ki, kj) → (ki, kj, ch)
  }
  const g: ConvGeometry = { h, w, c, kh: filterH, kw: filterW, stride, padTop: pad, padLeft: pad, outH, outW };
  col2imNHWC(nhwc, g, dx);
  const images = toNCHW(dx.data, n, h, w, c);
  if (book !== col) book.dispose();
  nhwc.dispose();
  dx.dispose();
  return images;
}
