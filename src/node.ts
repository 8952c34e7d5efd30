// Node-only additions (they read files): `import { loadMnist } from "scratchnet/node"`.
export * from "./index.js";
export { loadMnist } from "./data/mnist-node.js";
