// model.summary(): the table Keras prints (seed 003 shows 784-50-10 = 39,250 + 510 = 39,760).
import type { Sequential } from "./sequential.js";

const pad = (s: string, n: number) => s + " ".repeat(Math.max(1, n - s.length));
const thousands = (n: number) => n.toLocaleString("en-US");

export function summaryText(model: Sequential): string {
  const rule = "_".repeat(65), thick = "=".repeat(65);
  const lines = [`Model: "${model.name}"`, rule, pad("Layer (type)", 29) + pad("Output Shape", 26) + "Param #", thick];
  let total = 0;
  model.layers.forEach((layer, i) => {
    const n = layer.params().reduce((s, p) => s + p.size, 0);
    total += n;
    lines.push(pad(`${layer.name} (Dense)`, 29) + pad(`[null,${layer.units}]`, 26) + thousands(n));
    lines.push(i === model.layers.length - 1 ? thick : rule);
  });
  lines.push(`Total params: ${thousands(total)}`, `Trainable params: ${thousands(total)}`, "Non-trainable params: 0", rule);
  return lines.join("\n");
}
