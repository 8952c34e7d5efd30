// Draw a digit: the drawing (digit-pad.js makes it the 28 × 28 image MNIST's digits are) goes to both
// shipped models, and their ten probabilities are shown side by side as the person draws: the dense
// network through the course's forwardPass.predict, the CNN through model.predict on [1, 28, 28, 1].
import { forwardPass, tensor4d } from "./lib/scratchnet.js";
import { drawingPad, loadDense, loadCnn, showImage } from "./digit-pad.js";

const seen = document.getElementById("seen"), status = document.getElementById("status");
const verdicts = { dense: document.getElementById("prediction"), cnn: document.getElementById("prediction-cnn") };

const rows = [];
for (let d = 0; d < 10; d++) {
  const tr = document.createElement("tr"), cell = '<td><span class="bar"><span class="fill"></span></span><span class="pct">0%</span></td>';
  tr.innerHTML = `<th><b>${d}</b></th>${cell}${cell}`;
  document.querySelector("#probs tbody").append(tr);
  rows.push(tr.querySelectorAll("td"));
}

/** The class with the highest probability, or -1 without probabilities. */
const argmax = (p) => (p ? p.reduce((best, v, d) => (v > p[best] ? d : best), 0) : -1);

/** One model's column (0: dense, 1: CNN) and its verdict. */
function showColumn(column, verdict, probs) {
  const best = argmax(probs);
  rows.forEach((cells, d) => {
    const p = probs ? probs[d] : 0, td = cells[column];
    td.querySelector(".fill").style.width = `${(100 * p).toFixed(1)}%`;
    td.querySelector(".pct").textContent = `${(100 * p).toFixed(1)}%`;
    td.classList.toggle("top", d === best);
  });
  verdict.textContent = best < 0 ? "–" : String(best);
  verdict.dataset.digit = best < 0 ? "" : String(best);
  return { predicted: best, probabilities: probs ? Array.from(probs) : null };
}

let dense = null, cnn = null, image = null;
function update() {
  showImage(seen, image);
  const ready = dense && cnn && image;
  const t0 = performance.now(), denseProbs = ready ? forwardPass.predict(dense, image) : null;
  const t1 = performance.now(), cnnProbs = ready ? cnn.predict(tensor4d(image, [1, 28, 28, 1])).data : null;
  const ms = { dense: t1 - t0, cnn: performance.now() - t1 };
  const d = showColumn(0, verdicts.dense, denseProbs), c = showColumn(1, verdicts.cnn, cnnProbs);
  if (dense && cnn) status.textContent = ready ? `dense ${ms.dense.toFixed(2)} ms, CNN ${ms.cnn.toFixed(2)} ms` : "ready: draw";
  // For the page test: the image both models saw and what each said (the dense model's at the top, as before the CNN).
  window.__digit = { ...d, cnn: c, image: ready ? Array.from(image) : null, ms };
}

document.getElementById("clear").addEventListener("click", drawingPad(document.getElementById("pad"), (x) => ((image = x), update())));
try {
  [dense, cnn] = await Promise.all([loadDense(), loadCnn()]);
} catch (e) {
  status.textContent = `could not load the models: ${e.message}`;
  throw e;
}
update();
window.__digitReady = true;
