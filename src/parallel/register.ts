// Plugs the worker-thread engine into init({ threads }) (src/core/engine.ts). The full barrel
// imports this module; scratchnet/core does not, so its bundle stays small and its
// init({ threads: n }) runs on one thread and says why.
import { registerThreads } from "../core/engine.js";
import { createParallelEngine } from "./engine.js";
import { coreCount, threadsUnavailable } from "./support.js";

registerThreads({ create: createParallelEngine, unavailable: threadsUnavailable, cores: coreCount });
