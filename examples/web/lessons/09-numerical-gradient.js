// Lesson 9 (Saito ch. 4-5) in the page, as examples/09-numerical-gradient.ts: the numerical gradient
// of x0² + x1² as arrows, gradient descent from (−3, 4), and TwoLayerNet's gradient check on 3 images.
lesson.start(async (sn, page) => {
  const f = (x) => x[0] * x[0] + x[1] * x[1], show = (v) => `[${Array.from(v, (a) => +a.toPrecision(6)).join(", ")}]`;
  const gradients = [[3, 4], [0, 2], [3, 0]].map((p) => show(sn.numericalGradient(f, p))).join(" ");
  page.figure("numericalGradient at (3, 4), (0, 2), (3, 0)", gradients, "[6. 8.] [0. 4.] [6. 0.]");
  const descent = sn.gradientDescent(f, [-3, 4], 0.1, 100);
  page.result("descent", Array.from(descent.x));
  const end = `[${Array.from(descent.x, (a) => a.toExponential(2)).join(", ")}]`;
  page.figure("gradientDescent from (−3, 4), lr 0.1, 100 steps", end, "[-6.1e-10, 8.1e-10]");
  const arrows = [];
  for (let i = -8; i <= 8; i++) for (let j = -8; j <= 8; j++) {
    const g = sn.numericalGradient(f, [i / 4, j / 4]);
    arrows.push({ x: i / 4, y: j / 4, dx: -0.05 * g[0], dy: -0.05 * g[1] });
  }
  page.picture(sn.plot.planeGrid([
    { title: "−∇f of f = x0² + x1²", xRange: [-2.25, 2.25], yRange: [-2.25, 2.25], xLabel: "x0", yLabel: "x1", arrows, marks: [[0, 0]] },
    { title: "Gradient descent from (−3, 4), lr 0.1", xRange: [-4, 4], yRange: [-4.5, 4.5], xLabel: "x0", yLabel: "x1", marks: [[0, 0]],
      contours: { f: (x, y) => x * x + y * y, levels: [0.5, 2, 4.5, 8, 12.5, 18, 25] },
      paths: [{ x: descent.history.map((p) => p[0]), y: descent.history.map((p) => p[1]) }] },
  ], { width: 400, height: 380 }), "The arrows (−∇f, scaled by 0.05) point to the minimum; the descent follows them.");
  await page.tick();

  const { train } = await page.mnist(sn);
  const { x, y } = sn.imagesToTensors(sn.tensor2d(train.images.data.subarray(0, 3 * 784), [3, 784], 1 / 255), train.labels.subarray(0, 3));
  const net = new sn.TwoLayerNet(784, 50, 10, 0.01, 42), started = performance.now();
  const numeric = net.numericalGradient(x, y), backprop = net.gradient(x, y), seconds = (performance.now() - started) / 1000;
  const book = { W1: "1.9e-10", b1: "9.5e-10", W2: "7.0e-8", b2: "1.4e-7" }, diffs = {};
  for (const key of ["W1", "b1", "W2", "b2"]) {
    const b = backprop[key].data, n = numeric[key];
    let sum = 0;
    for (let i = 0; i < n.length; i++) sum += Math.abs(b[i] - n[i]);
    diffs[key] = sum / n.length;
    page.figure(`mean |backprop − numerical|, ${key}`, diffs[key].toExponential(2), `${book[key]} (its code in numpy float64)`);
  }
  page.result("diffs", diffs);
  page.log(`numerical gradient of 39,760 weights and backprop on 3 images: ${seconds.toFixed(2)} s; `
    + "float32 rounding of the loss alone is up to ulp(2.3)/2h = 1.2e-3 per entry");
  net.dispose();
  x.dispose();
  y.dispose();
});
