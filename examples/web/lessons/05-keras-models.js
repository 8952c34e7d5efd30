// Lesson 5 (seeds 001, 003) in the page, as examples/05-keras-models.ts on the MNIST subset:
// Sequential, add(Dense), summary(), compile, fit (with validation), evaluate.
lesson.start(async (sn, page) => {
  const { train, test } = await page.mnist(sn);
  const model = new sn.Sequential({ seed: 42 });
  model.add(new sn.Dense({ units: 50, activation: "sigmoid", inputShape: [784] }));
  model.add(new sn.Dense({ units: 10, activation: "softmax" }));
  page.result("summary", model.summary(page.log));
  const params = page.result("params", model.countParams());
  page.figure("model.summary(): parameters of 784-50-10", params.toLocaleString("en-US"), "39,760");

  model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  const epochs = 5, started = performance.now();
  const { history: h } = await model.fit(train.images, train.labels, {
    epochs, batchSize: 32, validationSplit: 0.1, seed: 42, verbose: 0,
    callbacks: { onEpochEnd: (epoch, logs) => page.log(`Epoch ${epoch + 1}/${epochs}: loss ${logs.loss.toFixed(4)}, accuracy ${logs.accuracy.toFixed(4)}, val_loss ${logs.val_loss.toFixed(4)}, val_accuracy ${logs.val_accuracy.toFixed(4)}`) },
  });
  const seconds = (performance.now() - started) / 1000;
  page.result("history", h);
  page.figure(`fit: ${epochs} epochs, batch 32, Adam, on ${(train.count * 0.9).toLocaleString("en-US")} images (10% held out)`,
    `loss ${h.loss[0].toFixed(4)} → ${h.loss.at(-1).toFixed(4)}, val_accuracy ${h.val_accuracy.at(-1).toFixed(4)} in ${seconds.toFixed(2)} s`, "10 epochs on 60,000 images");
  const [testLoss, testAccuracy] = model.evaluate(test.images, test.labels);
  page.result("testAccuracy", testAccuracy);
  page.figure(`evaluate on ${test.count.toLocaleString("en-US")} test images: test_loss, test_accuracy`, `${testLoss.toFixed(4)}, ${testAccuracy.toFixed(4)}`, "0.1078, 0.968 (all data)");
  page.picture(sn.plot.chartGrid([
    { title: "Loss", xLabel: "epoch", yLabel: "cross-entropy", series: [{ name: "train", y: h.loss }, { name: "validation", y: h.val_loss, dash: "7 4" }] },
    { title: "Accuracy", xLabel: "epoch", yLabel: "accuracy", legend: "bottom-right", series: [{ name: "train", y: h.accuracy }, { name: "validation", y: h.val_accuracy, dash: "7 4" }] },
  ], { columns: 2, width: 420, height: 280, title: "Sequential 784-50-10 on the MNIST subset: history.history" }), "history.loss, val_loss, accuracy and val_accuracy, one value per epoch, as Keras returns them.");
  model.dispose();
});
