// scratchnet's public API: the Keras-style model, its pieces, the data helpers, and the course.
import "./extras.js"; // first: registers the extras' names into the tables before any module reads them
import { init } from "./core/engine.js";
import "./parallel/register.js"; // init({ threads }) can use worker threads (not in scratchnet/core)

export { init, engine, createEngine, createEngineWithThreads, wasmBytes, Engine, type InitOptions } from "./core/engine.js";
export { Tensor } from "./core/tensor.js";
export { Rng } from "./core/random.js";
export { ShapeError, DataError, ModelError, TrainingError } from "./core/errors.js";
export { Dense, type DenseArgs, type Regularizer } from "./layers/dense.js";
export { BatchNormalization, type BatchNormalizationArgs } from "./layers/batch-normalization.js";
export { Conv2D, type Conv2DArgs } from "./layers/conv2d.js";
export { Layer, type Shape, type Param, type Weight } from "./layers/layer.js"; // the protocol a custom layer extends
export { Activation, type ActivationArgs } from "./layers/activation.js";
export { Dropout, type DropoutArgs } from "./layers/dropout.js";
export { LeakyReLU, type LeakyReLUArgs } from "./layers/leaky-relu.js";
export { Flatten, type FlattenArgs } from "./layers/flatten.js";
export { Reshape, type ReshapeArgs } from "./layers/reshape.js";
export { ZeroPadding2D, type ZeroPadding2DArgs, type ZeroPadding } from "./layers/zero-padding2d.js";
export { MaxPooling2D, AveragePooling2D, type Pooling2DArgs } from "./layers/pooling.js";
export { GlobalAveragePooling2D, GlobalMaxPooling2D, type GlobalPooling2DArgs } from "./layers/global-pooling.js";
export type { ActivationName } from "./layers/activations.js";
export type { InitializerName, InitializerSpec } from "./layers/initializers.js";
export { initializers, type FanMode, type Distribution } from "./layers/initializers.js";
export { Sequential, type CompileArgs, type SequentialArgs } from "./models/sequential.js";
export { History, type CustomCallbackArgs, type Logs } from "./models/callbacks.js";
export { Callback, EarlyStopping, ModelCheckpoint, ReduceLROnPlateau, LearningRateScheduler } from "./callbacks/index.js";
export type { MonitorMode, EarlyStoppingArgs, ModelCheckpointArgs, ReduceLROnPlateauArgs, Schedule } from "./callbacks/index.js";
export type { FitArgs } from "./models/fit.js";
export { gradientCheck, type GradientCheckArgs } from "./models/gradient-check.js";
export type { PredictArgs } from "./models/inference.js";
export type { LossName, LossSpec, MetricName } from "./losses/loss.js";
export { SGD, Adam, Optimizer } from "./optimizers.js";
export { RMSprop, Adagrad, Adadelta, Adamax, AdamW } from "./optimizers.js";
export {
  LearningRateSchedule, ExponentialDecay, CosineDecay, PiecewiseConstantDecay, exponentialDecay, cosineDecay, piecewiseConstantDecay,
} from "./optimizers.js";
export { tensor2d, type Matrix2D, type Inputs, type Labels } from "./data/inputs.js";
export { tensor4d, tensor3d } from "./data/inputs.js";
export { resident, Resident, type ResidentOptions } from "./data/resident.js";
export { parseIdxImages, parseIdxLabels, mnistSplit, type MnistSplit } from "./data/mnist.js";

export { parseLayersModel, ModelFileError, type LayersModel } from "./io/layers-model.js";
export { loadModel, saveModel, type LoadOptions } from "./io/load-model.js";
export type { IOHandler, ModelArtifacts, ModelJson, SaveConfig, SaveResult, TrainingConfig, WeightSpec } from "./io/types.js";
export type { LoadSource, SaveTarget, ModelBytes } from "./io/handlers.js";
export { toOnnx, onnxGraph } from "./io/onnx/to-onnx.js";
export type { OnnxGraph, OnnxNode, OnnxInitializer, OnnxValue } from "./io/onnx/onnx-proto.js";

// Data: CSV, the breast cancer set, Fashion-MNIST's JSON, splits, and 2-D sets for pictures.
export { parseNumericCsv, type NumericCsv } from "./data/csv.js";
export { parseBreastCancer, BREAST_CANCER_FEATURES, type BreastCancer } from "./data/breast-cancer.js";
export { stratifiedSplit, trainValTestSplit, standardize, columnStats, oneHot, takeRows, takeLabels, type SplitIndices, type LabelledSet } from "./data/split.js";
export { parseFashionClass, fashionMnistSplit, FASHION_CLASSES, type FashionMnist } from "./data/fashion-mnist.js";
export * as datasets from "./data/synthetic.js";

// The course (seeds 000-004), lesson by lesson. Classes keep the course's names; functions whose
// names repeat across lessons (softmax, predict, ...) live in one namespace per lesson.
export * as perceptron from "./course/perceptron.js"; // lesson 1: AND, NAND, OR, XOR, Perceptron
export { Perceptron } from "./course/perceptron.js";
export * as activations from "./course/activations.js"; // lesson 2: step, sigmoid, ... as array functions
export * as forwardPass from "./course/forward-pass.js"; // lesson 2: initNetwork, forward, batchAccuracy
export { DeepNeuralNet, type DeepActivation, type DeepNeuralNetOptions, type CourseMatrix } from "./course/deep-neural-net.js"; // lesson 3
export { SingleLayer } from "./course/single-layer.js"; // lesson 4
export { DualLayer, RandomInitNetwork, type DualLayerArgs } from "./course/dual-layer.js";
export { MinibatchNetwork, MultiClassNetwork, type MinibatchArgs } from "./course/minibatch-network.js";
export { CourseNetwork, type CourseArgs, type CourseFitArgs } from "./course/course-network.js";
export { SequentialNetwork, DenseLayer, ActivationLayer, Layer as CourseLayer, MSE, type CourseData, type TrainResult, type SequentialNetworkArgs } from "./course/sequential-network.js"; // lesson 6
export * as stepByStep from "./course/step-by-step.js"; // lesson 7: affineForward, affineBackward, trainStep, ...
export { trainingCycle, imagesToTensors, type CycleOptions, type CycleResult } from "./course/step-by-step-cycle.js";
export { Indices } from "./ops/indices.js";
export { averageDigit, predictAverageDigit, evaluateAverageDigit, onlyDigit, AVERAGE_DIGIT_BIAS, AVERAGE_DIGIT_THRESHOLD, type DigitData } from "./course/average-digit.js";

export * as plot from "./plot/svg.js"; // lesson 8: SVG line charts, decision regions, image grids

export { regularizers } from "./regularizers.js";
export { confusionMatrix, type ConfusionMatrix } from "./models/confusion.js"; // plot.confusionMatrixPlot draws it
export { predictLayers, type LayerOutput } from "./models/predict-layers.js"; // every layer's output (the filters page's feature maps)

// The default engine is ready once this module has loaded: `import { Sequential } from "scratchnet"` just works.
await init();
// numpy's files (pickles of arrays, .npy, .npz) read without running any of their code.
export { loadPickle, type PickleValue, type PickleDict } from "./io/numpy/pickle.js";
export { loadNpy } from "./io/numpy/npy.js";
export { loadNpz } from "./io/numpy/npz.js";
export { toFloat32, type NdArray, type NumpyDtype } from "./io/numpy/ndarray.js";
export { numericalGradient, gradientDescent, type GradientInput } from "./course/numerical-gradient.js"; // lesson 9
export { TwoLayerNet, type TwoLayerParams } from "./course/two-layer-net.js"; // lesson 9
export * as bookOptimizers from "./course/book-optimizers.js"; // lesson 10: Saito's SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam
export { MultiLayerNet, MultiLayerNetExtend, initStd } from "./course/multi-layer-net.js"; // lessons 11-13
export type { MultiLayerNetArgs, MultiLayerNetExtendArgs, WeightInitStd } from "./course/multi-layer-net.js";
export type { MultiLayerTrainArgs, MultiLayerTrainResult } from "./course/multi-layer-train.js";
export { layerActivations, type ActivationHistogramArgs } from "./course/activation-histogram.js"; // lesson 11
export { randomSearch, bestTrials } from "./course/hyperparameter-search.js"; // lesson 14
export type { RandomSearchArgs, RandomSearchResult, Trial } from "./course/hyperparameter-search.js";
export { im2col } from "./course/im2col.js"; // lesson 15 (first step): the book's im2col, NCHW in, (N·outH·outW, C·fh·fw) out
export { col2im } from "./course/col2im.js"; // lesson 15: im2col's adjoint, (N·OH·OW, C·FH·FW) → (N, C, H, W)
export { Convolution, Pooling, convOutputSize } from "./course/convolution.js"; // lesson 15: the book's layers, NCHW arrays
export type { Images4D } from "./course/conv-layout.js";
export { SimpleConvNet, type SimpleConvNetArgs } from "./course/simple-convnet.js"; // lesson 16
export { DeepConvNet, type DeepConvNetArgs } from "./course/deep-convnet.js"; // lesson 17 (the book's weights: loadParams)
export type { ConvNetOptions } from "./course/conv-net.js";
export { ConvolutionNetwork, type ConvolutionNetworkArgs, type ConvolutionFitArgs } from "./course/convolution-network.js"; // lesson 18
