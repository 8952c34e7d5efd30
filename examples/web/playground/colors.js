// Colours: one per class (Tableau 10, readable on white and for most colour-blind readers), and
// TensorFlow Playground's diverging scale for neuron activations (orange negative, blue positive).
export const CLASS_COLORS = [[76, 120, 168], [228, 87, 86], [84, 162, 75], [242, 142, 43], [178, 121, 162], [114, 183, 178]];
export const rgb = (c) => `rgb(${c.join(",")})`;

const NEGATIVE = [245, 147, 34], ZERO = [232, 234, 235], POSITIVE = [8, 119, 189];

/** Write the colour of t ∈ [-1, 1] (clamped) into `px` at byte `o` (RGBA). */
export function diverging(t, px, o) {
  const v = Math.max(-1, Math.min(1, t)), end = v < 0 ? NEGATIVE : POSITIVE, w = Math.abs(v);
  for (let i = 0; i < 3; i++) px[o + i] = ZERO[i] + (end[i] - ZERO[i]) * w;
  px[o + 3] = 255;
}

/** Colour of a weight for the network diagram's lines. */
export const weightColor = (w) => (w < 0 ? `rgba(${NEGATIVE.join(",")},` : `rgba(${POSITIVE.join(",")},`);
