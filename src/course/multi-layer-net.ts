// Lessons 11–13 (Saito ch. 6.2–6.4): the book's MultiLayerNet and MultiLayerNetExtend
// (common/multi_layer_net.py, multi_layer_net_extend.py) as adapters on the engine: a Sequential
// of Dense, BatchNormalization, Activation and Dropout layers, trained by the one loop (see
// multi-layer-train.ts) with SGD. The book's settings map onto the layers' arguments:
//  - weightInitStd: a number σ draws W ~ N(0, σ²); 'relu'/'he' σ = √(2/n), 'sigmoid'/'xavier'
//    σ = √(1/n), n the layer's inputs (the book's formulas: plain normal, not truncated); b = 0.
//  - weightDecayLambda λ: the book adds ½λΣW² over every W (output layer too) to the loss and λW
//    to each gradient; the engine's L2 adds l2·ΣW² and 2·l2·W, so l2 = λ/2 gives both.
//  - useBatchnorm: Affine → BatchNorm → activation, with the book's momentum 0.9 and ε 10e-7 (= 1e-6).
//  - useDropout: a Dropout after each hidden activation. The book's Dropout zeroes with
//    probability dropoutRation in training and multiplies by (1 − ratio) in inference; the engine's
//    is inverted (×1/(1 − rate) in training, identity in inference). The expected outputs agree
//    and accuracy (an argmax) is unchanged by the constant factor.
// Where we differ: predict returns the softmax probabilities (the book's returns the scores before
// SoftmaxWithLoss; argmax, hence accuracy, is the same), and the loss is TF.js's cross-entropy
// (probabilities clipped to [1e-7, 1 − 1e-7]) where the book adds 1e-7 inside the log.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { ModelError } from "../core/errors.js";
import { DEFAULT_SEED } from "../core/random.js";
import type { Inputs, Labels } from "../data/inputs.js";
import { Activation } from "../layers/activation.js";
import { BatchNormalization } from "../layers/batch-normalization.js";
import { Dense } from "../layers/dense.js";
import { Dropout } from "../layers/dropout.js";
import type { Layer } from "../layers/layer.js";
import { Sequential } from "../models/sequential.js";
import { SGD } from "../optimizers.js";
import { networkGradient, trainNetwork, type MultiLayerTrainArgs, type MultiLayerTrainResult } from "./multi-layer-train.js";

/** The book's weight_init_std: σ itself, or He's ('relu', 'he') or Xavier's ('sigmoid', 'xavier') σ per layer. */
export type WeightInitStd = number | "relu" | "he" | "sigmoid" | "xavier";

export interface MultiLayerNetArgs {
  inputSize: number;
  hiddenSizeList: number[];
  outputSize: number;
  /** 'relu' (default) or 'sigmoid'. */
  activation?: "relu" | "sigmoid";
  /** Default 'relu' (He), as the book's. */
  weightInitStd?: WeightInitStd;
  /** λ of the book's ½λΣW² (default 0). */
  weightDecayLambda?: number;
  /** The SGD learning rate train() steps with (default 0.01, the book's experiments). */
  learningRate?: number;
  /** Seed of the weights, the batches and the dropout masks (the book's np.random). */
  seed?: number;
}

export interface MultiLayerNetExtendArgs extends MultiLayerNetArgs {
  useDropout?: boolean;
  /** The book's spelling (dropout_ration): the fraction dropped (default 0.5). */
  dropoutRation?: number;
  useBatchnorm?: boolean;
}

/** σ of a layer with `fanIn` inputs for the book's weight_init_std. */
export function initStd(spec: WeightInitStd, fanIn: number): number {
  if (typeof spec === "number") {
    if (!(spec > 0 && spec < Infinity)) {
      throw new ModelError(`weightInitStd must be a positive number or 'relu', 'he', 'sigmoid', 'xavier'; got ${spec}`);
    }
    return spec;
  }
  const s = String(spec).toLowerCase();
  if (s === "relu" || s === "he") return Math.sqrt(2 / fanIn);
  if (s === "sigmoid" || s === "xavier") return Math.sqrt(1 / fanIn);
  throw new ModelError(`weightInitStd '${spec}' is not one the book knows; use a number (σ), 'relu'/'he' or 'sigmoid'/'xavier'`);
}

/** The Extend options (none for MultiLayerNet). */
interface Extend { useDropout: boolean; dropoutRation: number; useBatchnorm: boolean }
const PLAIN: Extend = { useDropout: false, dropoutRation: 0, useBatchnorm: false };

/** The layers after the Dense of hidden layer `units`: [BatchNormalization, Activation,] [Dropout]. */
function afterAffine(e: Extend, activation: "relu" | "sigmoid"): Layer[] {
  const layers: Layer[] = [];
  if (e.useBatchnorm) layers.push(new BatchNormalization({ momentum: 0.9, epsilon: 1e-6 }), new Activation({ activation }));
  if (e.useDropout) layers.push(new Dropout({ rate: e.dropoutRation }));
  return layers;
}

/** The book's MultiLayerNet: affine layers of hiddenSizeList with an activation, then affine → softmax. */
export class MultiLayerNet {
  /** The engine's model the net is: its layers, SGD and sparse categorical cross-entropy. */
  readonly model: Sequential;
  /** λ of ½λΣW² (the layers' L2 rate is λ/2). */
  readonly weightDecayLambda: number;
  /** The book's hidden_layer_num: hidden layers (hiddenSizeList's length). */
  readonly hiddenLayerNum: number;
  readonly engine: Engine;

  /** `extend`: MultiLayerNetExtend's options (@internal). */
  constructor(args: MultiLayerNetArgs, engine?: Engine, extend: Extend = PLAIN) {
    this.engine = engine ?? defaultEngine();
    const { inputSize, hiddenSizeList, outputSize, activation = "relu", weightInitStd = "relu" } = args;
    const { weightDecayLambda = 0, learningRate = 0.01 } = args;
    const where = this.constructor.name;
    if (!Array.isArray(hiddenSizeList)) throw new ModelError(`${where}: hiddenSizeList must be an array of layer sizes such as [100, 100]`);
    const given = [["inputSize", inputSize], ["outputSize", outputSize], ...hiddenSizeList.map((h, i) => [`hiddenSizeList[${i}]`, h])];
    for (const [name, n] of given as [string, unknown][]) {
      if (!(Number.isInteger(n) && (n as number) > 0)) {
        throw new ModelError(`${where}: ${name} must be a positive integer, got ${String(n)}`);
      }
    }
    if (activation !== "relu" && activation !== "sigmoid") {
      throw new ModelError(`${where}: activation must be 'relu' or 'sigmoid' (the book's two), got '${String(activation)}'`);
    }
    if (!(weightDecayLambda >= 0 && weightDecayLambda < Infinity)) {
      throw new ModelError(`${where}: weightDecayLambda must be a number ≥ 0, got ${weightDecayLambda}`);
    }
    this.weightDecayLambda = weightDecayLambda;
    this.hiddenLayerNum = hiddenSizeList.length;
    const sizes = [inputSize, ...hiddenSizeList, outputSize];
    const layers: Layer[] = [];
    for (let i = 1; i < sizes.length; i++) {
      const last = i === sizes.length - 1;
      layers.push(new Dense({
        units: sizes[i], inputShape: i === 1 ? [inputSize] : undefined,
        activation: last ? "softmax" : extend.useBatchnorm ? "linear" : activation,
        kernelInitializer: { name: "randomNormal", mean: 0, stddev: initStd(weightInitStd, sizes[i - 1]) }, biasInitializer: "zeros",
        kernelRegularizer: weightDecayLambda > 0 ? { l2: weightDecayLambda / 2 } : undefined,
      }));
      if (!last) layers.push(...afterAffine(extend, activation));
    }
    this.model = new Sequential({ layers, seed: args.seed ?? DEFAULT_SEED, engine: this.engine });
    this.model.compile({ optimizer: new SGD({ learningRate }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  }

  /** The softmax probabilities of each row (inference mode: Dropout off, BatchNormalization's moving statistics). */
  predict(x: Inputs): Float32Array {
    return this.model.predict(x).data;
  }

  /** The book's loss: mean cross-entropy + ½λΣW² (inference mode). */
  loss(x: Inputs, t: Labels): number {
    return this.model.evaluate(x, t)[0];
  }

  /** The fraction of rows whose largest output is the label t. */
  accuracy(x: Inputs, t: Labels): number {
    return this.model.evaluate(x, t)[1];
  }

  /** The backprop gradients of the training loss on (x, t) by the book's names: W1, b1, (gamma1, beta1,) … */
  gradient(x: Inputs, t: Labels): Record<string, Float32Array> {
    return networkGradient(this.model, x, t);
  }

  /** Minibatch SGD as the book's experiments run it (see multi-layer-train.ts). */
  train(x: Inputs, t: Labels, args: MultiLayerTrainArgs): MultiLayerTrainResult {
    return trainNetwork(this.model, x, t, args);
  }

  /** Free the model's WASM memory; the net cannot be used afterwards. */
  dispose(): void {
    this.model.dispose();
  }
}

/** The book's MultiLayerNetExtend: MultiLayerNet with BatchNormalization and Dropout. */
export class MultiLayerNetExtend extends MultiLayerNet {
  constructor(args: MultiLayerNetExtendArgs, engine?: Engine) {
    const { useDropout = false, dropoutRation = 0.5, useBatchnorm = false } = args;
    if (useDropout && !(dropoutRation >= 0 && dropoutRation < 1)) {
      throw new ModelError(`MultiLayerNetExtend: dropoutRation must be in [0, 1) (the fraction dropped), got ${dropoutRation}`);
    }
    super(args, engine, { useDropout, dropoutRation, useBatchnorm });
  }
}
