// Node-only: the network seed 004 loads from sample_weight.pkl, rebuilt with scratchnet and
// shipped as data/models/mnist-784-50-100-10/ (model.json + weights.bin, TensorFlow.js
// layers-model artifacts; how it was trained: that folder's README).
import { fileURLToPath } from "node:url";
import { readLayersModel } from "../io/layers-model-node.js";
import { networkFromLayersModel, type ForwardNetwork } from "./forward-pass.js";

/** The folder of the shipped 784-50-100-10 network (beside src/ and dist/ in the package). */
export const SAMPLE_WEIGHT_DIR = fileURLToPath(new URL("../../data/models/mnist-784-50-100-10/", import.meta.url));

/** init_network() of neuralnet_mnist.py: W1 [784, 50], W2 [50, 100], W3 [100, 10] and biases, checked on load. */
export async function loadSampleWeight(dir: string = SAMPLE_WEIGHT_DIR): Promise<ForwardNetwork> {
  return networkFromLayersModel(await readLayersModel(dir));
}
