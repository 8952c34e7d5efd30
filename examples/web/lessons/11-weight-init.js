// Lesson 11 (Saito 6.2) in the page, as examples/11-weight-init.ts: the activation histograms of a
// 5 × 100 network for four initial weight scales, then MultiLayerNet on the MNIST subset with
// std 0.01, Xavier and He (300 iterations here; the book runs 2,000).
lesson.start(async (sn, page) => {
  const cases = [["sigmoid", "σ = 1", 1], ["sigmoid", "σ = 0.01", 0.01], ["sigmoid", "Xavier", 0.1], ["relu", "He", Math.sqrt(0.02)]];
  const spread = {};
  for (const [activation, label, weightStd] of cases) {
    const layers = sn.layerActivations({ activation, weightStd, seed: 42 });
    const stds = layers.map((z) => {
      let s = 0, q = 0;
      for (const v of z) (s += v), (q += v * v);
      return Math.sqrt(q / z.length - (s / z.length) ** 2);
    });
    spread[`${activation} ${label}`] = stds;
    page.log(`${activation} ${label}: std per layer ${stds.map((v) => v.toFixed(4)).join(" ")}`);
    page.picture(sn.plot.histogramGrid(layers.map((z, i) => ({ values: z, title: `${i + 1}-layer`, yRange: activation === "relu" ? [0, 7000] : undefined })),
      { title: `${activation}, weights ${label}`, width: 170, height: 200 }), `Activations of the 5 layers (30 bins over [0, 1]): ${activation}, weights ${label}.`);
  }
  page.result("spread", spread);
  page.figure("sigmoid σ = 1: std of layer 5's activations", spread["sigmoid σ = 1"][4].toFixed(3), "piled at 0 and 1 (gradients vanish)");
  page.figure("sigmoid σ = 0.01: std of layer 5's activations", spread["sigmoid σ = 0.01"][4].toFixed(3), "all near 0.5 (little expressiveness)");
  await page.tick();

  const { train, test } = await page.mnist(sn), iterations = 300, curves = [], losses = {};
  for (const [name, weightInitStd] of [["std=0.01", 0.01], ["Xavier", "sigmoid"], ["He", "relu"]]) {
    const started = performance.now();
    const net = new sn.MultiLayerNet({ inputSize: 784, hiddenSizeList: [100, 100, 100, 100], outputSize: 10, weightInitStd, seed: 42 });
    const r = net.train(train.images, train.labels, { iterations, batchSize: 128, seed: 42 });
    const accuracy = net.accuracy(test.images, test.labels), seconds = (performance.now() - started) / 1000;
    net.dispose();
    const last = r.trainLossList.slice(-50).reduce((a, b) => a + b, 0) / 50;
    losses[name] = last;
    page.figure(`${name}: mean loss of the last 50 of ${iterations} iterations`, `${last.toFixed(3)} (test accuracy ${accuracy.toFixed(3)}, ${seconds.toFixed(2)} s)`,
      name === "std=0.01" ? "does not learn (2.30)" : name === "He" ? "learns fastest" : "learns");
    curves.push({ name, y: r.trainLossList });
    await page.tick();
  }
  page.result("losses", losses);
  page.picture(sn.plot.lineChart({ title: "MNIST, 5 layers × 100 ReLU, SGD 0.01: loss by weight init", xLabel: "iteration", yLabel: "loss", yRange: [0, 2.5], series: curves }),
    "The loss of each iteration's batch (the book's figure 6-15, 300 of its 2,000 iterations).");
});
