// The output picture: the class probabilities over [-1, 1]² as a heat map (each class's colour
// weighted by its probability, faded towards white where the network is unsure), the training
// points over it with a white ring and the test points with a dark ring.
import { CLASS_COLORS, rgb } from "./colors.js";

/** Canvas pixel → point in [-1, 1]² (y up). */
export function toPoint(canvas, offsetX, offsetY) {
  const box = canvas.getBoundingClientRect();
  return { x: (offsetX / box.width) * 2 - 1, y: 1 - (offsetY / box.height) * 2 };
}

/** The class the heat map shows at (x, y): the argmax of the nearest lattice cell. */
export function classAt(probs, grid, classes, x, y) {
  const i = Math.min(grid - 1, Math.max(0, Math.floor(((x + 1) / 2) * grid)));
  const j = Math.min(grid - 1, Math.max(0, Math.floor(((1 - y) / 2) * grid)));
  const o = (j * grid + i) * classes;
  let best = 0;
  for (let c = 1; c < classes; c++) if (probs[o + c] > probs[o + best]) best = c;
  return best;
}

/** Fraction of the rows (x, y) whose colour on the map is their label's. */
export function mapAccuracy(probs, grid, classes, rows) {
  let right = 0;
  for (let r = 0; r < rows.y.length; r++) right += classAt(probs, grid, classes, rows.x[2 * r], rows.x[2 * r + 1]) === rows.y[r] ? 1 : 0;
  return rows.y.length ? right / rows.y.length : NaN;
}

let cell = null; // a GRID × GRID canvas, scaled up with smoothing

function heatMap(ctx, probs, grid, classes) {
  if (!cell || cell.width !== grid) cell = new OffscreenCanvas(grid, grid);
  const cctx = cell.getContext("2d"), img = cctx.createImageData(grid, grid);
  for (let c = 0; c < grid * grid; c++) {
    let r = 0, g = 0, b = 0, top = 0;
    for (let j = 0; j < classes; j++) {
      const p = probs[c * classes + j], col = CLASS_COLORS[j];
      r += p * col[0]; g += p * col[1]; b += p * col[2];
      top = Math.max(top, p);
    }
    // The colour's strength grows with confidence: 25% of the mixed colour where the classes tie,
    // 60% where one class is certain (a fade to pure white would bead along the boundary).
    const w = 0.25 + 0.35 * Math.max(0, (top - 1 / classes) / (1 - 1 / classes));
    img.data[4 * c] = 255 - w * (255 - r);
    img.data[4 * c + 1] = 255 - w * (255 - g);
    img.data[4 * c + 2] = 255 - w * (255 - b);
    img.data[4 * c + 3] = 255;
  }
  cctx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(cell, 0, 0, ctx.canvas.width, ctx.canvas.height);
}

/** One path per class (a few draw calls a frame, not two per point), filled, then ringed. */
function points(ctx, rows, ring, width) {
  const { width: W, height: H } = ctx.canvas, paths = new Map(), R = 3.6;
  for (let i = 0; i < rows.y.length; i++) {
    const x = ((rows.x[2 * i] + 1) / 2) * W, y = ((1 - rows.x[2 * i + 1]) / 2) * H;
    let path = paths.get(rows.y[i]);
    if (!path) paths.set(rows.y[i], (path = new Path2D()));
    path.moveTo(x + R, y);
    path.arc(x, y, R, 0, 2 * Math.PI);
  }
  ctx.lineWidth = width;
  ctx.strokeStyle = ring;
  for (const [label, path] of paths) {
    ctx.fillStyle = rgb(CLASS_COLORS[label]);
    ctx.fill(path);
    ctx.stroke(path);
  }
}

/** Draw the map (or a hovered unit's `picture`, or a blank plane before the first frame), then the points. */
export function drawRegions(ctx, data, probs, showTest, picture) {
  const { width: W, height: H } = ctx.canvas;
  if (picture) (ctx.imageSmoothingEnabled = true), ctx.drawImage(picture, 0, 0, W, H);
  else if (probs) heatMap(ctx, probs, data.grid, data.classes);
  else (ctx.fillStyle = "#f4f4f4"), ctx.fillRect(0, 0, W, H);
  ctx.strokeStyle = "rgba(0,0,0,0.15)";
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(W / 2, 0); ctx.lineTo(W / 2, H); ctx.moveTo(0, H / 2); ctx.lineTo(W, H / 2);
  ctx.stroke();
  points(ctx, data.train, "#fff", 1.2);
  if (showTest) points(ctx, data.test, "#222", 1.6);
}
