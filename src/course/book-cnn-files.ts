// Node-only: where the book's trained ConvNets are shipped (data/deep-learning-from-scratch/, MIT,
// from the book repository's commit 0dda3d1): SimpleConvNet's params.pkl and DeepConvNet's
// deep_convnet_params.pkl, for `await new SimpleConvNet().loadParams(SIMPLE_CONVNET_PARAMS_FILE)`.
import { fileURLToPath } from "node:url";

const shipped = (name: string) => fileURLToPath(new URL(`../../data/deep-learning-from-scratch/${name}`, import.meta.url));

/** ch07/params.pkl: SimpleConvNet trained 20 epochs (the book: test accuracy 98.90%). */
export const SIMPLE_CONVNET_PARAMS_FILE = shipped("params.pkl");
/** ch08/deep_convnet_params.pkl: DeepConvNet (the book: 99.35%). */
export const DEEP_CONVNET_PARAMS_FILE = shipped("deep_convnet_params.pkl");
