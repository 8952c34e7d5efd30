// The typed ABI of build/scratchnet.wasm (assembly/index.ts). Pointers and sizes are numbers;
// booleans cross as 0/1. The engines cast the module's exports to this interface, so
// test/kernels/abi.test.ts holds it to both built modules: the same names, parameter and result counts.
// The activations' kernels are not listed here but derived from their table (core/activations.ts).
import type { ElementwiseKernel, FusedKernel, RowKernel } from "./activations.js";

type P = number;
type Unary = (x: P, out: P, n: number) => void;
type UnaryBackward = (a: P, dy: P, dz: P, n: number) => void;
type Rows = (x: P, out: P, rows: number, cols: number) => void;
type RowsBackward = (a: P, dy: P, dz: P, rows: number, cols: number) => void;

/** Each activation's forward and backward, and the `kind` activationBiasBackward knows it by (an i32 global). */
type ActivationKernels = { [K in ElementwiseKernel]: Unary } & { [K in ElementwiseKernel as `${K}Backward`]: UnaryBackward }
  & { [K in RowKernel]: Rows } & { [K in RowKernel as `${K}Backward`]: RowsBackward }
  & { readonly [K in FusedKernel as `${K}Kind`]: WebAssembly.Global };
type Product = (a: P, b: P, c: P, m: number, k: number, n: number, accumulate: number) => void;

export interface Kernels extends ActivationKernels {
  memory: WebAssembly.Memory;
  heapBase(): P;
  rngSeed(state: P, seed: number): void;
  /** u32 results (rngNext, rngBelow) arrive as signed i32: use `>>> 0`. */
  rngNext(state: P): number;
  rngBelow(state: P, bound: number): number;
  fillUniform(state: P, out: P, n: number, lo: number, hi: number): void;
  fillNormal(state: P, out: P, n: number, mean: number, std: number, truncate: number): void;
  iota(idx: P, n: number): void;
  shuffle(state: P, idx: P, n: number): void;
  sampleIndices(state: P, idx: P, n: number, bound: number): void;
  gemm: Product;
  gemmTN: Product;
  gemmNT: Product;
  /**
   * C (m×n, rows ldc floats apart) (=|+=) op(A)·op(B), op(A)[i,p] at a+4(i·rsA+p·csA),
   * op(B)[p,j] at b+4(p·rsB+j·csB); a block of rows or columns has the whole product's bits.
   */
  gemmStrided(a: P, rsA: number, csA: number, b: P, rsB: number, csB: number, c: P, ldc: number, m: number, k: number, n: number, accumulate: number): void;
  /** Bytes (a multiple of 16) of packing scratch an instance needs; setScratch points it at 16-aligned `ptr` (0: the static buffers). */
  scratchBytes(): number;
  setScratch(ptr: P): void;
  /** The micro-kernel alone on packed strips (bench/gemm.ts): `blocks` blocks of 4×width (8 or 4) of C. */
  microKernel(width: number, pa: P, pb: P, c: P, ldc: number, kb: number, blocks: number, fromC: number): void;
  transpose(x: P, out: P, rows: number, cols: number): void;
  addRowVector(x: P, b: P, out: P, rows: number, cols: number): void;
  sumColumns(x: P, out: P, rows: number, cols: number, accumulate: number): void;
  /** dz = dy · f'(a) and db = Σ_rows dz in one pass; kind: the activation's `${kernel}Kind` (assembly/bias-activation.ts). */
  activationBiasBackward(a: P, dy: P, dz: P, db: P, rows: number, cols: number, kind: number): void;
  /** e^x and ln x elementwise (assembly/math/: f32x4, accuracy stated in test/kernels/math.test.ts). */
  exp: Unary;
  log: Unary;
  mse(a: P, y: P, n: number): number;
  mseBackward(a: P, y: P, da: P, n: number, scale: number): void;
  binaryCrossEntropy(a: P, y: P, n: number): number;
  binaryCrossEntropyBackward(a: P, y: P, da: P, n: number): void;
  sigmoidCrossEntropyBackward(a: P, y: P, dz: P, n: number): number;
  categoricalCrossEntropy(a: P, y: P, rows: number, cols: number): number;
  sparseCategoricalCrossEntropy(a: P, labels: P, rows: number, cols: number): number;
  /** Keras' loss of an output that is not a softmax (rows divided by their sums; TF.js' sparse form clips first); writes dL/da unless da is 0. */
  categoricalCrossEntropyScaled(a: P, y: P, da: P, rows: number, cols: number, clipFirst: number): number; // clipFirst: 1 or 0
  sparseCategoricalCrossEntropyScaled(a: P, labels: P, da: P, rows: number, cols: number, clipFirst: number): number;
  softmaxCrossEntropyBackward(a: P, y: P, dz: P, rows: number, cols: number): number;
  softmaxSparseCrossEntropyBackward(a: P, labels: P, dz: P, rows: number, cols: number): number;
  oneHot(labels: P, y: P, rows: number, cols: number): void;
  /** Σ ℓ(a, y) of the per-element loss `kind` (assembly/losses/pointwise.ts, POINT_LOSSES' order); da = scale·ℓ' unless da is 0. */
  pointLoss(a: P, y: P, da: P, n: number, kind: number, scale: number): number;
  /** Σ over rows of max(0, 1 + max (1 − y)a − Σ y·a); da = scale·its gradient unless da is 0. */
  categoricalHinge(a: P, y: P, da: P, rows: number, cols: number, scale: number): number;
  sgdStep(w: P, dw: P, n: number, lr: number): void;
  momentumStep(w: P, dw: P, v: P, n: number, lr: number, momentum: number): void;
  adamStep(w: P, dw: P, m: P, v: P, n: number, lr: number, beta1: number, beta2: number, epsilon: number, accBeta1: number, accBeta2: number): void;
  adamBetaPower(beta: number, t: number): number;
  addL1Grad(w: P, dw: P, n: number, l1: number): void;
  addL2Grad(w: P, dw: P, n: number, l2: number): void;
  l1Norm(w: P, n: number): number;
  l2Norm(w: P, n: number): number;
  argmaxRows(x: P, out: P, rows: number, cols: number): void;
  countCorrectSparse(a: P, labels: P, rows: number, cols: number): number;
  countCorrectOneHot(a: P, y: P, rows: number, cols: number): number;
  countCorrectBinary(a: P, y: P, n: number): number;
  /** Over n outputs thresholded at 0.5: which 0 true positives, 1 predicted positives, 2 actual positives. */
  countPositives(a: P, y: P, n: number, which: number): number;
  /** counts[label·classes + predicted] += 1 per row (i32; one column: 2×2 at the 0.5 threshold); sparse: 1 or 0. */
  confusionCounts(a: P, y: P, sparse: number, rows: number, cols: number, counts: P): void;
  gatherRows(src: P, idx: P, dst: P, count: number, cols: number): void;
  gatherRowsU8(src: P, idx: P, dst: P, count: number, cols: number, scale: number): void;
  gatherI32(src: P, idx: P, dst: P, count: number): void;
  countNonFinite(x: P, n: number): number;
  /** Elements of x[0..n) other than ±0 (NaN counts). */
  countNonzero(x: P, n: number): number;
  /** z = x·W over x's nonzeros, listed into counts/lists (assembly/sparse.ts); the dense product's bits. */
  sparseForward(x: P, rows: number, cols: number, counts: P, lists: P, w: P, n: number, z: P): void;
  /** Rows p0..p1 of dW = xᵀ·dz over the nonzeros sparseForward listed; the dense product's bits. */
  sparseBackward(x: P, rows: number, cols: number, counts: P, lists: P, colCounts: P, colLists: P, p0: number, p1: number, dz: P, n: number, dw: P): void;
  nesterovStep(w: P, dw: P, v: P, n: number, lr: number, momentum: number): void;
  rmspropStep(
    w: P, dw: P, ms: P, mom: P, mg: P, n: number, lr: number, rho: number, momentum: number, epsilon: number, centered: number,
  ): void;
  adagradStep(w: P, dw: P, acc: P, n: number, lr: number, epsilon: number): void;
  adadeltaStep(w: P, dw: P, ag: P, ad: P, n: number, lr: number, rho: number, epsilon: number): void;
  adamaxStep(w: P, dw: P, m: P, u: P, n: number, step: number, beta1: number, beta2: number, epsilon: number): void;
  weightDecayStep(w: P, n: number, lr: number, wd: number): void;
  schedulePow(base: number, p: number): number;
  scheduleCos(x: number): number;
  /** LeakyReLU (assembly/activations/leaky-relu.ts): out = x < 0 ? αx : x; dx = x > 0 ? dy : α·dy (from the input x). */
  leakyRelu(x: P, out: P, n: number, alpha: number): void;
  leakyReluBackward(x: P, dy: P, dx: P, n: number, alpha: number): void;
  /**
   * Dropout (assembly/dropout.ts): mask = floor(u + keep)/keep from the generator at `state`; out = x·mask;
   * a mask broadcast along an axis in place.
   */
  dropoutMask(state: P, mask: P, n: number, rate: number): void;
  applyMask(x: P, mask: P, out: P, n: number): void;
  repeatAxis(buf: P, outer: number, d: number, inner: number): void;
  /** The orthogonal initialiser: orthonormalise the min(rows, cols) columns (or rows) of p, then scale by gain. */
  orthonormalize(p: P, rows: number, cols: number, gain: number): void;
  /** BatchNormalization's training forward (assembly/batch-norm.ts): batch μ, σ² into mean/variance, out; the moving ones follow. */
  batchNormTrain(x: P, gamma: P, beta: P, mean: P, variance: P, movingMean: P, movingVariance: P, out: P, rows: number, cols: number,
    epsilon: number, momentum: number): void;
  batchNormInference(x: P, gamma: P, beta: P, movingMean: P, movingVariance: P, out: P, rows: number, cols: number, epsilon: number): void;
  /** dγ, dβ and (dx ≠ 0) dx for the batch μ, σ² of the last training forward of x. */
  batchNormBackward(x: P, gamma: P, mean: P, variance: P, dy: P, dx: P, dgamma: P, dbeta: P, rows: number, cols: number,
    epsilon: number): void;
  /**
   * im2col (assembly/conv/im2col.ts): col [n·outH·outW, kh·kw·c], columns (ki, kj, channel), = the windows of NHWC x; zeros in
   * the padding. col2im is its adjoint: dx [n, h, w, c] (zeroed first unless accumulate ≠ 0) += col at the inputs it came from.
   */
  im2col(x: P, n: number, h: number, w: number, c: number, kh: number, kw: number, strideH: number, strideW: number, padTop: number,
    padLeft: number, outH: number, outW: number, col: P): void;
  col2im(col: P, n: number, h: number, w: number, c: number, kh: number, kw: number, strideH: number, strideW: number, padTop: number,
    padLeft: number, outH: number, outW: number, dx: P, accumulate: number): void;
  /**
   * Pooling (assembly/conv/pool.ts), NHWC, TF.js CPU's rules: maxPool writes y and argmax (i32, the winning pixel iy·w + ix, −1
   * for none); avgPool divides by the window's in-image count. The backwards zero dx first.
   */
  maxPool(x: P, n: number, h: number, w: number, c: number, poolH: number, poolW: number, strideH: number, strideW: number,
    padTop: number, padLeft: number, outH: number, outW: number, y: P, argmax: P): void;
  maxPoolBackward(dy: P, argmax: P, n: number, h: number, w: number, c: number, outH: number, outW: number, dx: P): void;
  /** maxPoolBackward's bits for windows that tile the image (strides = pool size, no padding, c ≥ 4), each dx written once. */
  maxPoolBackwardTiled(dy: P, argmax: P, n: number, h: number, w: number, c: number, poolH: number, poolW: number, dx: P): void;
  avgPool(x: P, n: number, h: number, w: number, c: number, poolH: number, poolW: number, strideH: number, strideW: number,
    padTop: number, padLeft: number, outH: number, outW: number, y: P): void;
  avgPoolBackward(dy: P, n: number, h: number, w: number, c: number, poolH: number, poolW: number, strideH: number, strideW: number,
    padTop: number, padLeft: number, outH: number, outW: number, dx: P): void;
  /**
   * The direct convolution (assembly/conv/direct.ts), gemm(im2col(x), K)'s and gemmTN(im2col(x), dz)'s bits without col: K
   * [patch, cout] and the bias b (0: none) packed into kp [patch + 1, convPackedColumns(cout)]; convForward adds the bias (post & 1) and
   * takes the ReLU (post & 2) as addRowVector and relu would, and notes x's nonzero pixels in masks ([n, h] u64, w ≤ 64) for
   * convFilterGrad, which writes dK's columns f0..f1 (f0 a multiple of 16), summing in acc (kp); with y ≠ 0 (ReLU's output) it
   * takes dz·[y > 0] (reluBackward's bits) and with db ≠ 0 writes db = Σ of that (activationBiasBackward's bits), dz left as is.
   */
  convPackedColumns(cout: number): number;
  convPackKernel(k: P, b: P, patch: number, cout: number, kp: P): void;
  convForward(x: P, n: number, h: number, w: number, c: number, kh: number, kw: number, strideH: number, strideW: number, padTop: number,
    padLeft: number, outH: number, outW: number, kp: P, cout: number, z: P, masks: P, post: number): void;
  convFilterGrad(x: P, n: number, h: number, w: number, c: number, kh: number, kw: number, strideH: number, strideW: number, padTop: number,
    padLeft: number, outH: number, outW: number, masks: P, dz: P, cout: number, acc: P, dk: P, f0: number, f1: number, y: P, db: P): void;
}
