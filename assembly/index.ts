// The whole ABI of scratchnet.wasm: one export line per kernel file. Only numbers cross.
export { heapBase } from "./memory";
export { rngSeed, rngNext, rngBelow, fillUniform, fillNormal, iota, shuffle, sampleIndices } from "./random";
export { gemm, gemmTN, gemmNT, gemmStrided, scratchBytes, setScratch, microKernel } from "./matmul";
export { transpose } from "./transpose";
export { addRowVector, sumColumns } from "./bias";
export * from "./bias-activation"; // activationBiasBackward and the activations' `kind` numbers
export { identity, identityBackward } from "./activations/identity";
export { step, stepBackward } from "./activations/step";
export { sigmoid, sigmoidBackward } from "./activations/sigmoid";
export { tanh, tanhBackward } from "./activations/tanh";
export { relu, reluBackward } from "./activations/relu";
export { exp, log } from "./math/arrays";
export { softmax, softmaxBackward } from "./softmax";
export { mse, mseBackward } from "./losses/mse";
export { binaryCrossEntropy, binaryCrossEntropyBackward, sigmoidCrossEntropyBackward } from "./losses/binary-ce";
export { categoricalCrossEntropy, sparseCategoricalCrossEntropy, softmaxCrossEntropyBackward, softmaxSparseCrossEntropyBackward, oneHot } from "./losses/categorical-ce";
export { categoricalCrossEntropyScaled, sparseCategoricalCrossEntropyScaled } from "./losses/scaled-ce";
export { sgdStep } from "./optim/sgd";
export { momentumStep } from "./optim/momentum";
export { adamStep, adamBetaPower } from "./optim/adam";
export { addL1Grad, addL2Grad, l1Norm, l2Norm } from "./optim/penalty";
export { argmaxRows, countCorrectSparse, countCorrectOneHot, countCorrectBinary } from "./metrics";
export { gatherRows, gatherRowsU8, gatherI32, countNonFinite } from "./gather";
export { countNonzero, sparseForward, sparseBackward } from "./sparse";
export { batchNormTrain, batchNormInference, batchNormBackward } from "./batch-norm";
