// Lessons 16–17: what the book's SimpleConvNet and DeepConvNet share (ch07/simple_convnet.py,
// ch08/deep_convnet.py): predict, loss, accuracy, gradient, params and load_params, over one
// Keras-style Sequential (Conv2D, MaxPooling2D, Flatten, Dense, Dropout, …) compiled with Adam, as
// the book's Trainer runs it, and sparse categorical cross-entropy; trained by the one loop
// (multi-layer-train.ts: batches drawn with replacement, the book's np.random.choice).
// Images are rows of H·W·C values, channels last (for the book's one-channel MNIST, (1, 28, 28)
// rows as they are). Where we differ: predict returns the softmax probabilities (the book's returns
// the scores; argmax, hence accuracy, is the same), and the loss is TF.js' cross-entropy.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { DEFAULT_SEED } from "../core/random.js";
import type { Inputs, Labels } from "../data/inputs.js";
import type { Layer } from "../layers/layer.js";
import { Sequential } from "../models/sequential.js";
import { Adam } from "../optimizers.js";
import { bookWeightsFromPickle, toBook, type BookWeight } from "./book-weights.js";
import { backpropOn, trainNetwork, type MultiLayerTrainArgs, type MultiLayerTrainResult } from "./multi-layer-train.js";

export interface ConvNetOptions {
  /** Adam's learning rate (default 0.001, the book's train_convnet.py). */
  learningRate?: number;
  /** Seed of the weights, the batches and the dropout masks (the book's np.random). */
  seed?: number;
  engine?: Engine;
}

export abstract class ConvNet {
  /** The Keras-style model the net is. */
  readonly model: Sequential;
  readonly engine: Engine;

  /**
   * @param bookWeights the book's parameters (W1, b1, …) in the model's weight order, with their layouts.
   */
  protected constructor(layers: Layer[], readonly bookWeights: readonly BookWeight[], options: ConvNetOptions) {
    this.engine = options.engine ?? defaultEngine();
    this.model = new Sequential({ layers, seed: options.seed ?? DEFAULT_SEED, engine: this.engine });
    this.model.compile({ optimizer: new Adam({ learningRate: options.learningRate ?? 0.001 }), loss: "sparseCategoricalCrossentropy",
      metrics: ["accuracy"] });
  }

  /** The softmax probabilities of each image (inference mode: Dropout off). */
  predict(x: Inputs): Float32Array {
    return this.model.predict(x).data;
  }

  /** Mean cross-entropy on (x, t) (inference mode). */
  loss(x: Inputs, t: Labels): number {
    return this.model.evaluate(x, t)[0];
  }

  /** The fraction of images whose largest output is the label t. */
  accuracy(x: Inputs, t: Labels): number {
    return this.model.evaluate(x, t)[1];
  }

  /** The book's self.params: W1, b1, … in the book's layouts (filters [FN, C, FH, FW]), copies. */
  get params(): Record<string, Float32Array> {
    const weights = this.model.getWeights();
    return Object.fromEntries(this.bookWeights.map((w, i) => [w.key, toBook(w, weights[i].data)]));
  }

  /** The backprop gradients of the loss on all of (x, t) (training mode), by the book's names and layouts. */
  gradient(x: Inputs, t: Labels): Record<string, Float32Array> {
    return backpropOn(this.model, x, t, (f32) => {
      const params = this.model.params();
      return Object.fromEntries(this.bookWeights.map((w, i) => {
        const p = params[i];
        return [w.key, toBook(w, f32.subarray(p.grad >>> 2, (p.grad >>> 2) + p.size))];
      }));
    });
  }

  /** Adam steps on batches drawn from (x, t), as the book's Trainer (see multi-layer-train.ts). */
  train(x: Inputs, t: Labels, args: MultiLayerTrainArgs): MultiLayerTrainResult {
    return trainNetwork(this.model, x, t, args);
  }

  /** The book's load_params: a pickled dict (params.pkl, deep_convnet_params.pkl), given as its bytes or (Node) its path. */
  async loadParams(file: string | Uint8Array): Promise<this> {
    const bytes = typeof file === "string" ? new Uint8Array(await (await import("node:fs/promises")).readFile(file)) : file;
    const name = typeof file === "string" ? file : `${this.constructor.name}.loadParams`;
    this.model.setWeights(bookWeightsFromPickle(bytes, this.bookWeights, name));
    return this;
  }

  /** Free the model's WASM memory; the net cannot be used afterwards. */
  dispose(): void {
    this.model.dispose();
  }
}
