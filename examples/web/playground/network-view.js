// The network diagram, as in TensorFlow Playground: a column per layer, a small picture per unit
// (its activation over the input plane, orange negative, blue positive), and lines between units
// coloured by the weight's sign, thicker and darker for larger weights. The pictures come from the
// worker (probe.js) as one unit-major Float32Array per layer; the output column shows each class's
// probability. Hovering a unit shows its picture large on the output map (playground.js).
import { CLASS_COLORS, diverging, weightColor } from "./colors.js";

/** Build the columns for `hidden` units per layer and `classes` outputs; returns the handle drawNetwork() takes. */
export function buildNetwork(root, hidden, activation, classes, grid) {
  root.replaceChildren();
  const links = document.createElement("canvas");
  links.className = "links";
  root.append(links);
  const size = Math.max(8, Math.min(40, Math.floor(560 / Math.max(classes, ...hidden)) - 4)); // a column fits beside the form
  const column = (title, units, name) => {
    const col = document.createElement("div");
    col.className = "layer";
    const head = document.createElement("div");
    head.className = "layer-head";
    head.textContent = title;
    col.append(head);
    const cells = Array.from({ length: units }, (_, u) => {
      const c = document.createElement("canvas");
      c.width = c.height = grid;
      c.style.width = c.style.height = `${size}px`;
      c.className = "neuron";
      c.title = `${name} ${u + 1}`;
      col.append(c);
      return c;
    });
    root.append(col);
    return cells;
  };
  const inputs = column("input", 2, "input");
  inputs.forEach((c, axis) => picture(c, grid, (r, k) => (axis === 0 ? -1 + (2 * k + 1) / grid : 1 - (2 * r + 1) / grid)));
  inputs[0].title = "x₁ (horizontal)";
  inputs[1].title = "x₂ (vertical)";
  const layers = hidden.map((units, l) => column(`${units} ${activation}`, units, `layer ${l + 1}, unit`));
  const output = column("output", classes, "probability of class");
  return { root, links, columns: [inputs, ...layers, output], activations: [...hidden.map(() => activation), "softmax"], grid };
}

/** A class's probability p ∈ [0, 1] from white to the class's colour (as on the output map). */
const tint = (color) => (p, px, o) => {
  for (let i = 0; i < 3; i++) px[o + i] = 255 - p * (255 - color[i]);
  px[o + 3] = 255;
};

function picture(canvas, grid, value, paint = diverging) {
  const ctx = canvas.getContext("2d"), img = ctx.createImageData(grid, grid);
  for (let r = 0; r < grid; r++) for (let k = 0; k < grid; k++) paint(value(r, k), img.data, 4 * (r * grid + k));
  ctx.putImageData(img, 0, 0);
}

/** Activations to [-1, 1]: tanh as is, sigmoid from [0, 1], unbounded ones by the layer's largest |a|. */
function scaler(activation, values) {
  if (activation === "tanh") return (v) => v;
  if (activation === "sigmoid") return (v) => 2 * v - 1;
  let top = 1e-6;
  for (const v of values) top = Math.max(top, Math.abs(v));
  return (v) => v / top;
}

/** Redraw every unit's picture and the weight lines. */
export function drawNetwork(net, neurons, kernels) {
  const g = net.grid, n = g * g;
  neurons.forEach((values, l) => {
    const output = net.activations[l] === "softmax", scale = output ? (v) => v : scaler(net.activations[l], values);
    net.columns[l + 1].forEach((canvas, u) => picture(canvas, g, (r, k) => scale(values[u * n + r * g + k]), output ? tint(CLASS_COLORS[u]) : diverging));
  });
  drawLinks(net, kernels);
}

/** Where each unit's picture sits inside the diagram: left edge, vertical middle, width. */
function unitBoxes({ root, columns }) {
  const origin = root.getBoundingClientRect();
  return columns.map((cells) => cells.map((c) => {
    const r = c.getBoundingClientRect();
    return { x: r.left - origin.left + root.scrollLeft, y: r.top - origin.top + r.height / 2, w: r.width };
  }));
}

/** Lines in LEVELS widths per sign, one path each: a few strokes a frame, not one per weight. */
const LEVELS = 6;

function drawLinks(net, kernels) {
  const { root, links } = net;
  if (links.width !== root.scrollWidth || links.height !== root.scrollHeight) [links.width, links.height] = [root.scrollWidth, root.scrollHeight];
  const ctx = links.getContext("2d");
  ctx.clearRect(0, 0, links.width, links.height);
  const boxes = (net.boxes ??= unitBoxes(net)); // the layout is fixed once built; a resize clears it
  const paths = Array.from({ length: 2 * LEVELS }, () => new Path2D());
  for (let l = 0; l + 1 < net.columns.length; l++) {
    const from = boxes[l], to = boxes[l + 1], w = kernels[l];
    let top = 1e-6;
    for (const v of w) top = Math.max(top, Math.abs(v));
    for (let i = 0; i < from.length; i++) for (let j = 0; j < to.length; j++) {
      const v = w[i * to.length + j], level = Math.min(LEVELS - 1, Math.floor((Math.abs(v) / top) * LEVELS));
      const path = paths[(v < 0 ? 0 : LEVELS) + level];
      path.moveTo(from[i].x + from[i].w, from[i].y);
      path.lineTo(to[j].x, to[j].y);
    }
  }
  paths.forEach((path, p) => {
    const level = p % LEVELS, t = (level + 0.5) / LEVELS;
    ctx.strokeStyle = `${weightColor(p < LEVELS ? -1 : 1)}${(0.12 + 0.78 * t).toFixed(2)})`;
    ctx.lineWidth = 0.4 + 2.6 * t;
    ctx.stroke(path);
  });
}
