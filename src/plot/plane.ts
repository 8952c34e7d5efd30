// Pictures of the plane for lessons 9-10: a function's contour lines (marching squares on a grid),
// its gradient as arrows (the book's quiver plot), and paths of points (an optimizer's steps).
// planeGrid puts several panels in one SVG document (the book's 2 × 2 optimizer figure).
import { DataError } from "../core/errors.js";
import { frame, group, type Box } from "./axes.js";
import { colorOf, el, num, svgDocument, text } from "./elements.js";

export interface PlanePanel {
  title?: string;
  /** The visible ranges (kept exactly). */
  xRange: [number, number];
  yRange: [number, number];
  xLabel?: string;
  yLabel?: string;
  /** Contour lines of f at `levels`, traced on a grid of `grid` × `grid` cells (default 120). */
  contours?: { f: (x: number, y: number) => number; levels: number[]; grid?: number };
  /** Arrows from (x, y) by (dx, dy), in data units (scale them before). */
  arrows?: { x: number; y: number; dx: number; dy: number }[];
  /** Polylines through points, each point marked; the first point larger (the start). */
  paths?: { name?: string; x: ArrayLike<number>; y: ArrayLike<number>; color?: string }[];
  /** Points marked with a cross (the minimum). */
  marks?: [number, number][];
}

// Marching squares: for each cell, the edges the level crosses (corners 0..3 = (0,0), (1,0), (1,1), (0,1)).
const EDGES: number[][] = [
  [], [3, 0], [0, 1], [3, 1], [1, 2], [3, 0, 1, 2], [0, 2], [3, 2], [2, 3], [2, 0], [0, 1, 2, 3], [2, 1], [1, 3], [1, 0], [0, 3], [],
];
type Scale = (v: number) => number;

function contourSegments(c: NonNullable<PlanePanel["contours"]>, xr: [number, number], yr: [number, number], sx: Scale, sy: Scale): string {
  const n = c.grid ?? 120, dx = (xr[1] - xr[0]) / n, dy = (yr[1] - yr[0]) / n;
  const z = new Float64Array((n + 1) * (n + 1));
  for (let j = 0; j <= n; j++) for (let i = 0; i <= n; i++) z[j * (n + 1) + i] = c.f(xr[0] + i * dx, yr[0] + j * dy);
  let d = "";
  for (const level of c.levels) {
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const v = [z[j * (n + 1) + i], z[j * (n + 1) + i + 1], z[(j + 1) * (n + 1) + i + 1], z[(j + 1) * (n + 1) + i]];
        const edges = EDGES[(v[0] > level ? 1 : 0) | (v[1] > level ? 2 : 0) | (v[2] > level ? 4 : 0) | (v[3] > level ? 8 : 0)];
        // The point where the level crosses edge e (from corner e to corner e + 1), linearly interpolated.
        const cross = (e: number): string => {
          const a = e, b = (e + 1) % 4, t = (level - v[a]) / (v[b] - v[a]);
          const cx = [0, 1, 1, 0], cy = [0, 0, 1, 1];
          return `${num(sx(xr[0] + (i + cx[a] + t * (cx[b] - cx[a])) * dx))},${num(sy(yr[0] + (j + cy[a] + t * (cy[b] - cy[a])) * dy))}`;
        };
        for (let s = 0; s < edges.length; s += 2) d += `M${cross(edges[s])}L${cross(edges[s + 1])}`;
      }
    }
  }
  return el("path", { d, fill: "none", stroke: "#8aa6c1", "stroke-width": 1 });
}

/** One panel drawn into `box` (an SVG group). */
export function planeGroup(p: PlanePanel, box: Box): string {
  for (const path of p.paths ?? []) {
    if (path.x.length !== path.y.length) {
      throw new DataError(`planeGroup: path '${path.name ?? ""}' has ${path.x.length} x values but ${path.y.length} y values`);
    }
  }
  const f = frame(box, { x: p.xRange, y: p.yRange, title: p.title, xLabel: p.xLabel, yLabel: p.yLabel, niceX: false, niceY: false });
  const a = f.area, clipId = `plane-${num(box.x)}-${num(box.y)}`.replace(/\./g, "_");
  let marks = p.contours ? contourSegments(p.contours, p.xRange, p.yRange, f.sx, f.sy) : "";
  for (const r of p.arrows ?? []) {
    const x1 = f.sx(r.x), y1 = f.sy(r.y), x2 = f.sx(r.x + r.dx), y2 = f.sy(r.y + r.dy), len = Math.hypot(x2 - x1, y2 - y1);
    if (len < 0.5) continue; // no direction to draw
    const ux = (x2 - x1) / len, uy = (y2 - y1) / len, head = Math.min(6, len * 0.5);
    const side = (s: number) => `${num(x2 - head * ux - s * head * 0.5 * uy)},${num(y2 - head * uy + s * head * 0.5 * ux)}`; // the barbs
    const tip = `M${side(1)}L${num(x2)},${num(y2)}L${side(-1)}`;
    marks += el("path", { d: `M${num(x1)},${num(y1)}L${num(x2)},${num(y2)}${tip}`, fill: "none", stroke: "#222222", "stroke-width": 1 });
  }
  (p.paths ?? []).forEach((path, k) => {
    const color = path.color ?? colorOf(k + 1), pts = Array.from(path.x, (x, i) => `${num(f.sx(x))},${num(f.sy(path.y[i]))}`);
    marks += el("polyline", { points: pts.join(" "), fill: "none", stroke: color, "stroke-width": 1.6 });
    pts.forEach((pt, i) => {
      const [cx, cy] = pt.split(",").map(Number);
      marks += el("circle", { cx, cy, r: i === 0 ? 4 : 2.6, fill: color });
    });
  });
  for (const [x, y] of p.marks ?? []) {
    const d = `M${num(f.sx(x) - 6)},${num(f.sy(y))}h12M${num(f.sx(x))},${num(f.sy(y) - 6)}v12`;
    marks += el("path", { d, stroke: "#000000", "stroke-width": 1.5 });
  }
  const clip = el("clipPath", { id: clipId }, el("rect", { x: a.x, y: a.y, width: a.width, height: a.height }));
  return group("plane", `${el("defs", {}, clip)}${f.back}${el("g", { "clip-path": `url(#${clipId})` }, marks)}${f.front}`);
}

/** Panels in a grid (default 2 columns, each 420 × 380), one SVG document. */
export function planeGrid(panels: PlanePanel[], args: { columns?: number; width?: number; height?: number; title?: string } = {}): string {
  if (panels.length === 0) throw new DataError("planeGrid: no panels to draw");
  const cols = Math.max(1, Math.min(args.columns ?? 2, panels.length)), w = args.width ?? 420, h = args.height ?? 380;
  const top = args.title ? 34 : 0;
  let body = "";
  panels.forEach((p, i) => (body += planeGroup(p, { x: (i % cols) * w, y: top + Math.floor(i / cols) * h, width: w, height: h })));
  const bold = { "font-size": 17, "font-weight": "bold", "text-anchor": "middle" };
  const heading = args.title ? text((cols * w) / 2, 24, args.title, bold) : "";
  return svgDocument(cols * w, top + Math.ceil(panels.length / cols) * h, heading + body, args.title);
}
