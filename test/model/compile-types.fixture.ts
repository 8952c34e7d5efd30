// Type-checked (not run) by types.test.ts: every @ts-expect-error below must be an error.
import { Sequential, type CompileArgs } from "../../src/index.js";

declare const model: Sequential;
model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
model.compile({ optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["acc"] });
model.compile({ optimizer: "sgd", loss: "mse" });
// @ts-expect-error: a typo in the loss name (capital E) fails to compile
model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossEntropy" });
// @ts-expect-error: an unknown loss
model.compile({ optimizer: "adam", loss: "cosineProximity" });
model.compile({ optimizer: "adam", loss: "huber", metrics: ["mae", "mse", "precision", "recall", "binaryAccuracy", "categoricalAccuracy"] });
// @ts-expect-error: an unknown metric
model.compile({ optimizer: "adam", loss: "mse", metrics: ["accuracyy"] });
export const args: CompileArgs = { optimizer: "sgd", loss: "binary_crossentropy" };
