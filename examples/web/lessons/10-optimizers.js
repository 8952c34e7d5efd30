// Lesson 10 (Saito 6.1) in the page, as examples/10-optimizers.ts: the book's optimizers on
// x²/20 + y² from (−7, 2), then on MNIST (the 10,000-image subset, 300 iterations each).
lesson.start(async (sn, page) => {
  const B = sn.bookOptimizers, f = (x, y) => x * x / 20 + y * y, panels = [], ends = {};
  for (const opt of [new B.SGD(0.95), new B.Momentum(0.1), new B.AdaGrad(1.5), new B.Adam(0.3), new B.Nesterov(0.1), new B.RMSprop(0.1)]) {
    const params = { x: sn.Tensor.from([-7], 1, 1), y: sn.Tensor.from([2], 1, 1) };
    const grads = { x: sn.Tensor.zeros(1, 1), y: sn.Tensor.zeros(1, 1) };
    const xs = [], ys = [];
    for (let i = 0; i < 30; i++) {
      xs.push(params.x.data[0]), ys.push(params.y.data[0]);
      grads.x.data[0] = params.x.data[0] / 10;
      grads.y.data[0] = 2 * params.y.data[0];
      opt.update(params, grads);
    }
    ends[opt.name] = f(params.x.data[0], params.y.data[0]);
    panels.push({ title: `${opt.name} (lr ${opt.lr})`, xRange: [-10, 10], yRange: [-5, 5], xLabel: "x", yLabel: "y", marks: [[0, 0]],
      contours: { f, levels: [0.05, 0.2, 0.5, 1, 2, 3, 4.5, 6] }, paths: [{ x: xs, y: ys, color: "#d55e00" }] });
    opt.dispose();
    for (const t of [params.x, params.y, grads.x, grads.y]) t.dispose();
  }
  page.result("pathEnds", ends);
  const listed = Object.entries(ends).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(", ");
  page.figure("f after 30 steps from f(−7, 2) = 6.45", listed, "SGD zigzags in y; AdaGrad goes straight");
  page.picture(sn.plot.planeGrid(panels, { columns: 2, width: 400, height: 270 }),
    "30 steps of each optimizer over the contours of x²/20 + y².");
  await page.tick();

  const { train } = await page.mnist(sn), iters = 300, curves = [], last = {};
  const settings = [new B.SGD(0.01), new B.Momentum(0.01), new B.AdaGrad(0.01), new B.Adam(0.001)]; // the book's
  settings.push(new B.RMSprop(0.01), new B.Nesterov(0.01));
  for (const opt of settings) {
    const dense = (units, activation, first = false) =>
      new sn.Dense({ units, activation, kernelInitializer: "heNormal", ...(first ? { inputShape: [784] } : {}) });
    const layers = [dense(100, "relu", true), ...[1, 2, 3].map(() => dense(100, "relu")), dense(10, "softmax")];
    const model = new sn.Sequential({ layers, seed: 1 });
    model.compile({ optimizer: opt.optimizer, loss: "sparseCategoricalCrossentropy" });
    const losses = [];
    let sum = 0, seen = 0;
    const onBatchEnd = (batch, logs) => { // fit gives the epoch's running mean; each batch's loss is the difference of the sums
      if (batch === 0) (sum = 0), (seen = 0);
      const total = logs.loss * (seen + logs.size);
      losses.push((total - sum) / logs.size);
      (sum = total), (seen += logs.size);
      if (losses.length >= iters) model.stopTraining = true;
    };
    const started = performance.now();
    await model.fit(train.images, train.labels, { epochs: 10, batchSize: 128, verbose: 0, seed: 1, callbacks: { onBatchEnd } });
    const tail = losses.slice(-50);
    last[opt.name] = tail.reduce((a, b) => a + b, 0) / tail.length;
    const seconds = (performance.now() - started) / 1000;
    page.log(`${opt.name} lr ${opt.lr}: loss ${losses[0].toFixed(3)} → ${losses.at(-1).toFixed(4)} in ${seconds.toFixed(2)} s`);
    const smooth = losses.map((_, i) => {
      const w = losses.slice(Math.max(0, i - 19), i + 1);
      return w.reduce((a, b) => a + b, 0) / w.length;
    });
    curves.push({ name: opt.name, y: smooth });
    model.dispose();
    opt.dispose();
    await page.tick();
  }
  page.result("mnistLast", last);
  const listedLast = Object.entries(last).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(", ");
  page.figure(`MNIST, ${iters} iterations: mean loss of the last 50`, listedLast, "SGD slowest (figure 6-9)");
  const title = "MNIST 5 × 100 ReLU, batch 128: training loss (moving mean of 20)";
  page.picture(sn.plot.lineChart({ title, xLabel: "iteration", yLabel: "loss", yRange: [0, 1.5], series: curves }),
    "Each optimizer trains its own network from the same weights on the same batches.");
});
