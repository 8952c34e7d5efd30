// A Keras-like progress bar for Node terminals, driven by fit()'s callbacks. Redraws at most
// ten times a second; without a TTY (CI, pipes) it prints only the per-epoch lines.
import type { CustomCallbackArgs, Logs } from "../models/callbacks.js";

const WIDTH = 30;

export function progressBar(epochs: number, samples: number, out: NodeJS.WriteStream = process.stdout): CustomCallbackArgs {
  let epochStart = 0, lastDraw = 0, seen = 0;
  const tty = out.isTTY === true;
  const line = (epoch: number, logs: Logs | undefined, done: boolean) => {
    const seconds = (performance.now() - epochStart) / 1000;
    const rate = seen / Math.max(seconds, 1e-9);
    const filled = Math.round((WIDTH * seen) / samples);
    const bar = "=".repeat(Math.max(0, filled - 1)) + (done ? "=" : ">") + ".".repeat(WIDTH - filled);
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
      const now = performance.now();
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
