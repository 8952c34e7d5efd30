// loadModel(): a model (and its compiled optimizer with its state) from TensorFlow.js' layers-model
// format through any handler (src/io/handlers.ts). Every file is checked before anything is
// built, and what was built is freed if a later check fails: a bad file gives an error, never
// part of a model.
import { engine as defaultEngine, type Engine } from "../core/engine.js";
import { withScope } from "../core/scope.js";
import { Sequential } from "../models/sequential.js";
import { Dropout } from "../layers/dropout.js";
import { getLoss, type MetricName } from "../losses/loss.js";
import { METRIC_NAMES } from "../losses/metrics.js";
import { ModelFileError, parseArtifacts } from "./layers-model.js";
import { optimizerFromConfig, restoreOptimizerState } from "./optimizer-state.js";
import { loadHandler, type LoadSource } from "./handlers.js";
import type { HttpOptions } from "./http.js";

export { saveModel } from "./save.js"; // loading this module also makes model.save() work (src/models/save-hook.ts)

export interface LoadOptions extends HttpOptions {
  /** Compile with the stored loss and optimizer and restore the optimizer's state (default true, as in Keras). */
  compile?: boolean;
  /** The WASM instance the model lives in (the default engine unless given). */
  engine?: Engine;
  /**
   * The model's seed (default 42, as Sequential's). Files do not hold it; a Dropout saved without its
   * own seed takes its masks' seed from it, so give the seed the model was made with to resume its masks.
   */
  seed?: number;
}

/** Load a model saved by model.save() or TensorFlow.js (a Sequential of the layers io/topology.ts reads), compiled if saved so. */
export async function loadModel(source: LoadSource, options: LoadOptions = {}): Promise<Sequential> {
  const handler = loadHandler(source, options);
  const artifacts = await handler.load!();
  const names = handler.names ?? (typeof source === "string" ? { modelJson: source, weights: `${source} weights` } : { modelJson: "the loaded artifacts", weights: "their weightData" });
  const parsed = parseArtifacts(artifacts, names);
  const jsonFile = names.modelJson;
  const fail = (what: string): never => {
    throw new ModelFileError(`${jsonFile}: ${what}`);
  };
  // Everything that can be checked without memory is checked first: the loss, the optimizer.
  const config = options.compile === false ? undefined : parsed.trainingConfig;
  let compileArgs: Parameters<Sequential["compile"]>[0] | undefined;
  if (config) {
    const lossName = Array.isArray(config.loss) && config.loss.length === 1 ? config.loss[0] : config.loss;
    let loss;
    try {
      loss = getLoss(String(lossName));
    } catch (e) {
      return fail(`trainingConfig: ${(e as Error).message}; or load with {compile: false} and compile it yourself`);
    }
    const known = (m: unknown) => (METRIC_NAMES as unknown[]).includes(m);
    const metrics = Array.isArray(config.metrics) ? config.metrics.filter(known) as MetricName[] : []; // as saved: 'acc' logs acc
    compileArgs = { loss, optimizer: optimizerFromConfig(config.optimizer_config, fail), metrics };
  }
  return withScope(options.engine ?? defaultEngine(), (s) => {
    const model = s.track(new Sequential({
      name: parsed.name,
      engine: options.engine,
      seed: options.seed,
      // from each class's reader (io/topology.ts)
      layers: parsed.topology.layers.map((l, i) => l.create(i === 0 ? [...parsed.inputShape] : undefined)),
    }));
    model.setWeights(parsed.weights);
    if (compileArgs) {
      model.compile(compileArgs);
      restoreOptimizerState(model, parsed.optimizerState, fail, config?.optimizer_config?.config);
      // Dropout's pass t draws mix(seed, t): continue at the saved step count, as an unbroken run would.
      for (const l of model.layers) if (l instanceof Dropout) l.passes = model.optimizer!.iterations;
    }
    return s.keep(model); // every check passed: the caller's model
  });
}
