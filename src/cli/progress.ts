// A Keras-like progress bar for Node terminals, driven by fit()'s callbacks. Redraws at most
// ten times a second; without a TTY (CI, pipes) it prints only the per-epoch lines.
import type { CustomCallbackArgs, Logs } from "../models/callbacks.js";

const WIDTH = 30;

export function progressBar(epochs: number, samples: number, out: NodeJS.WriteStream = process.stdout): CustomCallbackArgs {
  let epochStart = 0, lastDraw = 0, lastBatch = 0, seen = 0;
  const tty = out.isTTY === true;
  const line = (epoch: number, logs: Logs | undefined, done: boolean) => {
    const seconds = (lastBatch - epochStart) / 1000; // training only: validation time is not samples/s
    const rate = seen / Math.max(seconds, 1e-9);
    const filled = Math.min(WIDTH - 1, Math.floor((WIDTH * seen) / samples));
    const bar = done ? "=".repeat(WIDTH) : "=".repeat(filled) + ">" + ".".repeat(WIDTH - filled - 1);
    const time = done ? `${seconds.toFixed(1)}s` : `ETA ${((samples - seen) / rate).toFixed(1)}s`;
    const figures = Object.entries(logs ?? {}).filter(([k]) => k !== "batch" && k !== "size").map(([k, v]) => `${k}: ${v.toFixed(4)}`);
    return [`Epoch ${epoch + 1}/${epochs} [${bar}] ${seen}/${samples}`, `${Math.round(rate).toLocaleString("en-US")} samples/s`, time, ...figures].join(" - ");
  };
  let epoch = 0;
  return {
    onEpochBegin: (e) => {
      epoch = e;
      seen = 0;
      epochStart = performance.now();
    },
    onBatchEnd: (_b, logs) => {
      seen += logs?.size ?? 0;
      const now = (lastBatch = performance.now());
      if (tty && now - lastDraw > 100) {
        lastDraw = now;
        out.write(`\r${line(epoch, logs, false)}\x1b[K`);
      }
    },
    onEpochEnd: (_e, logs) => {
      out.write(`${tty ? "\r" : ""}${line(epoch, logs, true)}${tty ? "\x1b[K" : ""}\n`);
    },
  };
}
