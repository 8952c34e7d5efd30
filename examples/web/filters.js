// What the CNN sees: the first conv layer's filters as pictures, and the feature maps of every conv
// and pooling layer for the drawn digit, redrawn as the person draws. The numbers come from scratchnet
// (model.getWeights() and predictLayers(): every layer's output); this file only draws them.
import { predictLayers, tensor4d } from "./lib/scratchnet.js";
import { drawingPad, loadCnn, showImage } from "./digit-pad.js";

const status = document.getElementById("status"), seen = document.getElementById("seen"), shown = document.getElementById("prediction");

/** A figure with an h × w canvas (shown enlarged, pixels kept sharp) and a caption, appended to `parent`. */
function tile(parent, h, w, caption) {
  const figure = document.createElement("figure"), canvas = document.createElement("canvas");
  [canvas.width, canvas.height] = [w, h];
  figure.append(canvas);
  if (caption !== undefined) figure.insertAdjacentHTML("beforeend", `<figcaption>${caption}</figcaption>`);
  parent.append(figure);
  return canvas;
}

/** Channel `ch` of the [h, w, channels] values in `data`, coloured by `color(value)`, into `canvas`. */
function paint(canvas, data, h, w, channels, ch, color) {
  const c = canvas.getContext("2d"), img = c.createImageData(w, h);
  for (let i = 0; i < h * w; i++) img.data.set([...color(data[i * channels + ch]), 255], 4 * i);
  c.putImageData(img, 0, 0);
}

const grey = (scale) => (v) => { const g = Math.round(255 * Math.min(1, Math.max(0, v * scale))); return [g, g, g]; };
// Blue below zero, orange above, black at zero: a filter's sign is what it looks for.
const diverging = (scale) => (v) => {
  const t = Math.min(1, Math.abs(v) * scale);
  return v < 0 ? [59 * t, 111 * t, 182 * t] : [232 * t, 131 * t, 58 * t];
};
const largest = (data) => data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

let cnn = null, image = null, views = [];

/** The filters once, and an empty block of canvases for each conv/pooling layer's maps. */
function setUp() {
  const [kernel] = cnn.getWeights(), [kh, kw, cin, cout] = kernel.shape, scale = 1 / largest(kernel.data);
  const filters = document.getElementById("filters");
  for (let f = 0; f < cout; f++) paint(tile(filters, kh, kw, f + 1), kernel.data, kh, kw, cin * cout, f, diverging(scale));
  const layers = document.getElementById("layers");
  cnn.layers.forEach((layer, i) => {
    const shape = cnn.outputShapes[i];
    if (shape.length !== 3) return; // Flatten and Dense: no maps
    const [h, w, channels] = shape, block = document.createElement("section");
    const what = layer.className === "Conv2D" ? `${channels} filters ${layer.kernelSize.join(" × ")}, ${layer.activation.name}`
      : `max over ${layer.poolSize.join(" × ")}`;
    block.innerHTML = `<h2>${layer.name}: ${channels} feature maps of ${h} × ${w} <span class="small">(${what})</span></h2>`;
    const maps = document.createElement("div");
    maps.className = "maps";
    block.append(maps);
    layers.append(block);
    views.push({ index: i, name: layer.name, shape, canvases: Array.from({ length: channels }, () => tile(maps, h, w)) });
  });
}

function update() {
  showImage(seen, image);
  if (!cnn) return;
  const t0 = performance.now(), outputs = image ? predictLayers(cnn, tensor4d(image, [1, 28, 28, 1])) : null, t1 = performance.now();
  const maps = views.map(({ index, name, shape, canvases }) => {
    const [h, w, channels] = shape, data = outputs ? outputs[index].data : new Float32Array(h * w * channels);
    const top = largest(data), color = grey(top > 0 ? 1 / top : 0); // one scale per layer: maps compare within a layer
    canvases.forEach((canvas, ch) => paint(canvas, data, h, w, channels, ch, color));
    return { name, shape: [...shape], sum: data.reduce((s, v) => s + v, 0), max: top };
  });
  const probs = outputs ? outputs.at(-1).data : null;
  const best = probs ? probs.reduce((b, v, d) => (v > probs[b] ? d : b), 0) : -1;
  shown.textContent = best < 0 ? "–" : `${best}`;
  shown.title = best < 0 ? "" : `${(100 * probs[best]).toFixed(1)}%`;
  const ms = { predictLayers: t1 - t0, drawing: performance.now() - t1 };
  status.textContent = !outputs ? "ready: draw"
    : `predictLayers ${ms.predictLayers.toFixed(2)} ms, drawing the maps ${ms.drawing.toFixed(2)} ms`;
  // For the page test: what was drawn, per layer.
  window.__filters = { predicted: best, ms, image: image ? Array.from(image) : null, maps: outputs ? maps : null,
    data: outputs ? views.map((v) => Array.from(outputs[v.index].data)) : null };
}

document.getElementById("clear").addEventListener("click", drawingPad(document.getElementById("pad"), (x) => ((image = x), update())));
try {
  cnn = await loadCnn();
} catch (e) {
  status.textContent = `could not load the model: ${e.message}`;
  throw e;
}
setUp();
update();
window.__filtersReady = true;
