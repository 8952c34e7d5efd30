// The playground's whole state as a query string: every form field by its name, plus the clicked
// points packed in `pts` (3 bytes a point — x and y quantised to 0..255 over [-1, 1], the class —
// as URL-safe base64, 4 characters a point). Sharing the address reproduces the configuration.
const NUMBERS = ["classes", "n", "noise", "test", "lr", "batch", "rate", "epochs", "seed"];
export const MAX_POINTS = 600;
/** The heat map's lattice (GRID × GRID points of [-1, 1]²) and the per-neuron pictures' (every other point). */
export const GRID = 64, NEURON_GRID = 32;

const clamp = (v, lo, hi, fallback) => (Number.isFinite(v) ? Math.min(hi, Math.max(lo, v)) : fallback);

/** The settings of `form`, checked and clamped, with the clicked `points`. */
export function readSettings(form, points) {
  const s = Object.fromEntries(new FormData(form));
  for (const k of NUMBERS) s[k] = Number(s[k]);
  s.hidden = String(s.hidden).split(",").map((v) => parseInt(v, 10)).filter((v) => v > 0).map((v) => Math.min(v, 32)).slice(0, 6);
  s.classes = Math.round(clamp(s.classes, 2, 6, 3));
  s.n = Math.round(clamp(s.n, 0, 2000, 300));
  s.noise = clamp(s.noise, 0, 2, 0.1);
  s.test = clamp(s.test, 0, 0.9, 0.5);
  s.lr = clamp(s.lr, 1e-5, 10, 0.03);
  s.batch = Math.round(clamp(s.batch, 1, 2000, 16));
  s.rate = clamp(s.rate, 0, 1, 0);
  s.epochs = Math.round(clamp(s.epochs, 1, 100000, 300));
  s.seed = Math.round(clamp(s.seed, 0, 2 ** 31 - 1, 42));
  // Epochs between pictures: fixed by the settings (not by timing), so a seed trains the same way.
  s.every = Math.max(1, Math.min(10, Math.round(2000 / Math.max(1, s.n + points.length))));
  s.points = points;
  return s;
}

/** The number of classes the network predicts for these settings. */
export function classCount(s) {
  return s.data === "spirals" || s.data === "blobs" || s.data === "clicks" ? s.classes : 2;
}

/** Set the form's fields from the address; returns the clicked points it holds. */
export function fromUrl(form, search = location.search) {
  const q = new URLSearchParams(search);
  for (const el of form.elements) if (el.name && q.has(el.name)) el.value = q.get(el.name);
  return decodePoints(q.get("pts") ?? "");
}

/** Write the form and the points to the address bar (replacing, not adding, a history entry). */
export function toUrl(form, points) {
  const q = new URLSearchParams();
  for (const el of form.elements) if (el.name) q.set(el.name, el.value);
  if (points.length) q.set("pts", encodePoints(points));
  history.replaceState(null, "", `?${q}`);
}

const quantise = (v) => Math.round((clamp(v, -1, 1, 0) + 1) * 127.5);
/** v in [-1, 1] rounded to the 256 steps the address stores. */
export const snap = (v) => quantise(v) / 127.5 - 1;

/** Points {x, y, label} with x, y in [-1, 1] → URL-safe base64. */
export function encodePoints(points) {
  const bytes = new Uint8Array(points.length * 3);
  points.forEach((p, i) => bytes.set([quantise(p.x), quantise(p.y), p.label], 3 * i));
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** The inverse of encodePoints; text that is not a point list gives no points, never an error. */
export function decodePoints(text) {
  let raw;
  try { raw = atob(text.replaceAll("-", "+").replaceAll("_", "/")); } catch { return []; }
  const points = [];
  for (let i = 0; i + 2 < raw.length && points.length < MAX_POINTS; i += 3) {
    const label = raw.charCodeAt(i + 2);
    if (label < 6) points.push({ x: raw.charCodeAt(i) / 127.5 - 1, y: raw.charCodeAt(i + 1) / 127.5 - 1, label });
  }
  return points;
}
