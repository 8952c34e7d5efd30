// Lesson 8 (all seeds) in the page, as examples/08-pictures.ts: a Sequential 2-32-32-3 on three
// spiral arms, its loss and accuracy curves (train vs validation), and its decision regions with
// test points it never saw.
lesson.start(async (sn, page) => {
  const train = sn.datasets.spirals({ n: 600, classes: 3, noise: 0.04, seed: 1 }), test = sn.datasets.spirals({ n: 300, classes: 3, noise: 0.04, seed: 2 });
  // validationSplit takes the last 20% of rows and the generator emits points by radius: scramble first (stride 7 mod 600).
  const order = Array.from({ length: 600 }, (_, i) => (i * 7) % 600);
  const x = order.map((i) => [train.x.data[2 * i], train.x.data[2 * i + 1]]), y = order.map((i) => train.y[i]);
  const model = new sn.Sequential({
    layers: [new sn.Dense({ units: 32, activation: "relu", inputShape: [2] }), new sn.Dense({ units: 32, activation: "relu" }), new sn.Dense({ units: 3, activation: "softmax" })],
    seed: 1,
  });
  model.compile({ optimizer: new sn.Adam({ learningRate: 0.01 }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  const epochs = 60, started = performance.now();
  const { history: h } = await model.fit(x, y, { epochs, batchSize: 32, validationSplit: 0.2, verbose: 0, seed: 1 });
  const seconds = (performance.now() - started) / 1000;
  const testX = Array.from({ length: 300 }, (_, i) => [test.x.data[2 * i], test.x.data[2 * i + 1]]);
  const [testLoss, testAccuracy] = model.evaluate(testX, test.y);
  page.result("history", h);
  page.result("testAccuracy", testAccuracy);
  page.figure(`spirals, 480 train / 120 validation rows, ${epochs} epochs: accuracy, val_accuracy`, `${h.accuracy.at(-1).toFixed(3)}, ${h.val_accuracy.at(-1).toFixed(3)} in ${seconds.toFixed(2)} s`);
  page.figure("300 test points: accuracy (loss)", `${testAccuracy.toFixed(3)} (${testLoss.toFixed(3)})`);
  page.picture(sn.plot.chartGrid([
    { title: "Loss", xLabel: "epoch", yLabel: "cross-entropy", series: [{ name: "train", y: h.loss }, { name: "validation", y: h.val_loss, dash: "7 4" }] },
    { title: "Accuracy", xLabel: "epoch", yLabel: "accuracy", yRange: [0, 1], legend: "bottom-right", series: [{ name: "train", y: h.accuracy }, { name: "validation", y: h.val_accuracy, dash: "7 4" }] },
  ], { columns: 2, width: 420, height: 280, title: "Sequential 2-32-32-3 on spirals (Adam 0.01, batch 32, validationSplit 0.2)" }), "Loss and accuracy per epoch, train vs validation.");
  page.picture(sn.plot.decisionRegions({
    predict: (points) => model.predict(points), x: test.x, y: test.y, classes: 3, classNames: ["arm 0", "arm 1", "arm 2"], grid: 80,
    title: `Decision regions: ${(testAccuracy * 100).toFixed(1)}% of 300 test points right`, width: 480, height: 420,
  }), "Each cell is tinted by the predicted class probabilities; the points are test points the model never saw.");
  model.dispose();
});
