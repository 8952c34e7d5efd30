// The ABI of build/scratchnet-core.wasm: the same kernel files as assembly/index.ts, exporting
// only what scratchnet/core's JS calls (src/core-entry.ts), so its browser builds stay in the
// 30 KB gzipped budget. Every line here is also in index.ts; test/kernels/abi.test.ts checks this
// set is a subset of the full one and holds every kernel name core's bundle references.
export { heapBase } from "./memory";
export { rngSeed, rngNext, rngBelow, fillUniform, fillNormal, iota, shuffle, sampleIndices } from "./random";
export { gemm, gemmTN, gemmNT } from "./matmul";
export { addRowVector, sumColumns } from "./bias";
export * from "./bias-activation";
export { identity, identityBackward } from "./activations/identity";
export { step, stepBackward } from "./activations/step";
export { sigmoid, sigmoidBackward } from "./activations/sigmoid";
export { tanh, tanhBackward } from "./activations/tanh";
export { relu, reluBackward } from "./activations/relu";
export { softmax, softmaxBackward } from "./softmax";
export { mse, mseBackward } from "./losses/mse";
export { binaryCrossEntropy, binaryCrossEntropyBackward, sigmoidCrossEntropyBackward } from "./losses/binary-ce";
export {
  categoricalCrossEntropy, sparseCategoricalCrossEntropy, softmaxCrossEntropyBackward, softmaxSparseCrossEntropyBackward, oneHot,
} from "./losses/categorical-ce";
export { categoricalCrossEntropyScaled, sparseCategoricalCrossEntropyScaled } from "./losses/scaled-ce";
export { sgdStep } from "./optim/sgd";
export { momentumStep, nesterovStep } from "./optim/momentum";
export { adamStep } from "./optim/adam"; // not adamBetaPower: its pow is 1.3 KB gzipped, and only resuming a saved state (io/) calls it
export { rmspropStep } from "./optim/rmsprop";
export { addL1Grad, addL2Grad, l1Norm, l2Norm } from "./optim/penalty";
export { countCorrectSparse, countCorrectOneHot, countCorrectBinary } from "./metrics";
export { gatherRows, gatherRowsU8, gatherI32, countNonFinite } from "./gather";
export { countNonzero, sparseForward, sparseBackward } from "./sparse";
export { dropoutMask, applyMask, repeatAxis } from "./dropout";
