// The initializers beyond scratchnet/core's (issue 14's, TF.js' formulas; the header of
// src/layers/initializers.ts says where they differ from TF.js and why), registered by src/extras.ts.
import { drawScaled, registerInitializers } from "../layers/initializers.js";

/** Registers glorotNormal, heUniform, the leCun/lecun pairs, varianceScaling, truncatedNormal, orthogonal and constant. */
export const registerExtraInitializers = (): void => registerInitializers(
  {
    glorotNormal: [1, "fanAvg", "normal"], heUniform: [2, "fanIn", "uniform"],
    leCunNormal: [1, "fanIn", "normal"], leCunUniform: [1, "fanIn", "uniform"],
    lecunNormal: [1, "fanIn", "normal"], lecunUniform: [1, "fanIn", "uniform"],
  },
  {
    varianceScaling: (o, rng, _h, ptr, shape, n) =>
      drawScaled([o.scale ?? 1, o.mode ?? "fanIn", o.distribution ?? "normal"], rng, ptr, shape, n),
    // TF.js' TruncatedNormal: mean 0, stddev 0.05, redrawn beyond 2 stddev (not rescaled)
    truncatedNormal: (o, rng, _h, ptr, _s, n) => rng.normal(ptr, n, o.mean ?? 0, o.stddev ?? 0.05, true),
    orthogonal: (o, rng, _h, ptr, shape) => rng.orthogonal(ptr, shape[0], shape[1], o.gain ?? 1),
    constant: (o, _r, heap, ptr, _s, n) => heap.f32.fill(o.value!, ptr >>> 2, (ptr >>> 2) + n),
  },
  {
    constant: (o, _r, fail) => o.value === undefined && fail("needs a value: {name: 'constant', value: 0.1}"),
    orthogonal: (_o, rank1, fail) => rank1 && fail("needs a matrix (TF.js: 'Shape must be at least 2D'); use it as a kernelInitializer"),
  },
);
