// The side effect of importing scratchnet/extras (src/extras.ts): the extras' names registered into
// scratchnet/core's tables. In a module of its own that src/extras.ts imports first, so no module
// that reads a table when it loads (parallel/protocol.ts lists the activations' kernels) loads before.
import { registerActivations } from "../core/activations.js";
import { markExtrasRegistered } from "../core/full-build.js";
import { EXTRA_ACTIVATIONS } from "./activation-table.js";
import { registerExtraInitializers } from "./initializers.js";
import { registerExtraLosses } from "./losses.js";
import { registerExtraMetrics } from "./metrics.js";
import { registerExtraOptimizers } from "./optimizers.js";

registerActivations(EXTRA_ACTIVATIONS);
registerExtraLosses();
registerExtraMetrics();
registerExtraOptimizers();
registerExtraInitializers();
markExtrasRegistered();
