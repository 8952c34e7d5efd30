// compile()'s optimizer strings beyond scratchnet/core's (sgd, adam, rmsprop): TensorFlow.js's
// getOptimizer defaults for the three, registered by src/extras.ts.
import { registerOptimizers } from "../optimizers/get-optimizer.js";
import { Adagrad } from "../optimizers/adagrad.js";
import { Adadelta } from "../optimizers/adadelta.js";
import { Adamax } from "../optimizers/adamax.js";

/** Registers 'adagrad', 'adadelta' and 'adamax' (and their capitalised spellings). */
export const registerExtraOptimizers = (): void => registerOptimizers({
  adagrad: () => new Adagrad({ learningRate: 0.01 }),
  adadelta: () => new Adadelta({ learningRate: 1, rho: 0.95, epsilon: 1e-7 }),
  adamax: () => new Adamax({ learningRate: 0.002, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, decay: 0 }),
});
