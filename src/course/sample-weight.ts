// Node-only: the network seed 004 loads, the book's own ch03/sample_weight.pkl (shipped in
// data/deep-learning-from-scratch/ with its MIT licence), read by the numpy pickle reader, which
// runs none of the file's code. The course and the book print Accuracy:0.9352 for it.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Engine } from "../core/engine.js";
import { sampleWeightNetwork } from "./sample-weight-network.js";
import type { GivenNetwork } from "./given-network.js";

/** The shipped sample_weight.pkl (beside src/ and dist/ in the package). */
export const SAMPLE_WEIGHT_FILE = fileURLToPath(new URL("../../data/deep-learning-from-scratch/sample_weight.pkl", import.meta.url));

/** The 784-50-100-10 network scratchnet trained (data/models/, TF.js layers-model files): lesson 2's stand-in before the pickle reader. */
export const TRAINED_784_50_100_10_DIR = fileURLToPath(new URL("../../data/models/mnist-784-50-100-10/", import.meta.url));

/** init_network() of neuralnet_mnist.py: W1 [784, 50], W2 [50, 100], W3 [100, 10] and biases from the pickle, resident in WASM. */
export async function loadSampleWeight(file: string = SAMPLE_WEIGHT_FILE, engine?: Engine): Promise<GivenNetwork> {
  return sampleWeightNetwork(new Uint8Array(await readFile(file)), file, engine);
}
