// What a TensorFlow.js save handler receives, from TensorFlow.js's model.save() or from ours.
import * as tf from "@tensorflow/tfjs";
import type { ModelArtifacts } from "../../src/io/types.js";

export async function capture(save: (h: tf.io.IOHandler) => Promise<unknown>): Promise<ModelArtifacts> {
  let artifacts: ModelArtifacts | undefined;
  await save(tf.io.withSaveHandler(async (a) => {
    artifacts = a as ModelArtifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  return artifacts!;
}
