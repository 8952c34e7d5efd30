// The loss curves: training loss (solid) and test loss (dashed) against the epoch, on a linear
// scale from 0 to the largest value seen, with the latest figures in the legend.
const TRAIN = "#333", TEST = "#e8830c";
const PAD = { left: 36, right: 8, top: 22, bottom: 18 };

function curve(ctx, epochs, values, last, top, color, dash) {
  const { width: W, height: H } = ctx.canvas, w = W - PAD.left - PAD.right, h = H - PAD.top - PAD.bottom;
  ctx.beginPath();
  let moved = false;
  // At most about two points a pixel: a long run stays as cheap to draw as a short one.
  const step = Math.max(1, Math.floor(epochs.length / (2 * w)));
  for (let i = 0; i < epochs.length; i += step) {
    if (!Number.isFinite(values[i])) continue;
    const x = PAD.left + (w * epochs[i]) / last, y = PAD.top + h - (h * values[i]) / top;
    ctx[moved ? "lineTo" : "moveTo"](x, y);
    moved = true;
  }
  ctx.setLineDash(dash);
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.8;
  ctx.stroke();
  ctx.setLineDash([]);
}

/** `log` holds parallel arrays: epochs, loss, val_loss (NaN where there is no test set). */
export function drawLoss(ctx, log) {
  const { width: W, height: H } = ctx.canvas;
  const finite = [...log.loss, ...log.val_loss].filter(Number.isFinite);
  const top = Math.max(1e-9, ...finite), last = Math.max(1, log.epochs.at(-1) ?? 1);
  ctx.clearRect(0, 0, W, H);
  ctx.strokeStyle = "#bbb";
  ctx.lineWidth = 1;
  ctx.strokeRect(PAD.left + 0.5, PAD.top + 0.5, W - PAD.left - PAD.right - 1, H - PAD.top - PAD.bottom - 1);
  curve(ctx, log.epochs, log.loss, last, top, TRAIN, []);
  curve(ctx, log.epochs, log.val_loss, last, top, TEST, [5, 3]);
  ctx.font = "11px system-ui, sans-serif";
  ctx.fillStyle = "#555";
  ctx.textAlign = "right";
  ctx.fillText(top.toPrecision(2), PAD.left - 4, PAD.top + 9);
  ctx.fillText("0", PAD.left - 4, H - PAD.bottom);
  ctx.fillText(`epoch ${last}`, W - PAD.right, H - 4);
  ctx.textAlign = "left";
  const latest = (a) => (a.length && Number.isFinite(a.at(-1)) ? a.at(-1).toFixed(3) : "–");
  ctx.fillStyle = TRAIN;
  ctx.fillText(`— train loss ${latest(log.loss)}`, PAD.left, 13);
  ctx.fillStyle = TEST;
  ctx.fillText(`- - test loss ${latest(log.val_loss)}`, PAD.left + 130, 13);
}
