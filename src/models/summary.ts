// model.summary(): the table Keras prints (seed 003 shows 784-50-10 = 39,250 + 510 = 39,760).
import type { Model } from "./model.js";

const pad = (s: string, n: number) => s + " ".repeat(Math.max(1, n - s.length));
const thousands = (n: number) => n.toLocaleString("en-US");

export function summaryText(model: Model): string {
  const rule = "_".repeat(65), thick = "=".repeat(65);
  const lines = [`Model: "${model.name}"`, rule, pad("Layer (type)", 29) + pad("Output Shape", 26) + "Param #", thick];
  let trainable = 0, fixed = 0;
  model.layers.forEach((layer, i) => {
    const t = layer.params().reduce((s, p) => s + p.size, 0), f = layer.state().reduce((s, w) => s + w.size, 0);
    [trainable, fixed] = [trainable + t, fixed + f];
    lines.push(pad(`${layer.name} (${layer.className})`, 29) + pad(`[null,${layer.outputShape.join(",")}]`, 26) + thousands(t + f));
    lines.push(i === model.layers.length - 1 ? thick : rule);
  });
  lines.push(`Total params: ${thousands(trainable + fixed)}`, `Trainable params: ${thousands(trainable)}`, `Non-trainable params: ${thousands(fixed)}`, rule);
  return lines.join("\n");
}
