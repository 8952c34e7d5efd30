// Node-only additions (they read files): `import { loadMnist } from "scratchnet/node"`.
export * from "./index.js";
export { loadMnist } from "./data/mnist-node.js";
export { loadBreastCancer } from "./data/breast-cancer.js";
export { loadFashionMnist } from "./data/fashion-mnist.js";
export { readLayersModel } from "./io/layers-model-node.js";
export { writeOnnx } from "./io/onnx/onnx-node.js";
export { loadSampleWeight, SAMPLE_WEIGHT_FILE } from "./course/sample-weight.js";
export { svgToPng, writePicture, DEJAVU_SANS, type PngOptions, type Png } from "./plot/png-node.js";
export { SIMPLE_CONVNET_PARAMS_FILE, DEEP_CONVNET_PARAMS_FILE } from "./course/book-cnn-files.js";
