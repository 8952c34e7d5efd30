// Lesson 4 (seed 001) in the page, as examples/04-logistic-to-multiclass.ts: SingleLayer (L2),
// DualLayer and MinibatchNetwork on the breast cancer set, split and standardised as the course,
// then MultiClassNetwork on the MNIST subset (the course's Fashion-MNIST is not shipped to pages).
lesson.start(async (sn, page) => {
  const bc = sn.parseBreastCancer(new TextDecoder().decode(await page.data("breast_cancer.csv")));
  const split = sn.trainValTestSplit(bc.x, bc.y, { seed: 42 });
  const { sets: [xTrain, xVal] } = sn.standardize(split.train.x, split.val.x, split.test.x);
  const yTrain = split.train.y, yVal = split.val.y;
  page.log(`breast cancer: ${split.train.y.length} train / ${yVal.length} validation / ${split.test.y.length} test rows, stratified, seed 42`);

  const curves = [];
  const nets = [
    ["singleLayer", "SingleLayer l2 = 0.01", new sn.SingleLayer({ l2: 0.01 }), 1_000, "0.978 (10,000 epochs)"],
    ["dualLayer", "DualLayer l2 = 0.01 (10 units, weights 1)", new sn.DualLayer({ l2: 0.01 }), 500, "0.978 (20,000 epochs)"],
    ["minibatch", "MinibatchNetwork l2 = 0.01, batch 32", new sn.MinibatchNetwork({ l2: 0.01, batchSize: 32 }), 100, "0.978 (500 epochs)"],
  ];
  for (const [key, name, net, epochs, course] of nets) {
    const started = performance.now();
    net.fit(xTrain, yTrain, { epochs, xVal, yVal });
    const seconds = (performance.now() - started) / 1000, valAccuracy = net.score(xVal, yVal);
    page.result(key, { valAccuracy, losses: net.losses.filter((_, i) => i % 10 === 0) });
    page.figure(`${name}, ${epochs.toLocaleString("en-US")} epochs: validation accuracy (${yVal.length} rows)`, `${valAccuracy.toFixed(4)} in ${seconds.toFixed(2)} s`, course);
    // yRange cuts off the first epochs (SingleLayer starts near 11) so that the rest of the curve shows.
    if (key !== "dualLayer") curves.push({ title: name, xLabel: "epoch", yLabel: "loss", yRange: [0, 0.6], series: [{ name: "train", y: net.losses }, { name: "validation", y: net.valLosses, dash: "7 4" }] });
    net.dispose();
    await page.tick();
  }
  page.picture(sn.plot.chartGrid(curves, { columns: 2, width: 420, height: 280, title: "Breast cancer: training and validation loss per epoch" }),
    "Batch gradient descent (left) and minibatches of 32 (right): more updates per epoch, so fewer epochs. The first epochs' losses run off the top.");

  const mnist = await page.mnist(sn), rows = 4_000, epochs = 5, started = performance.now();
  const train = { images: sn.tensor2d(mnist.train.images.data.subarray(0, rows * 784), [rows, 784], 1 / 255), labels: mnist.train.labels.subarray(0, rows), count: rows }, test = mnist.test;
  const mc = new sn.MultiClassNetwork({ units: 100, batchSize: 32, learningRate: 0.1, seed: 42 });
  mc.fit(train.images, train.labels, { epochs, xVal: test.images, yVal: test.labels });
  const seconds = (performance.now() - started) / 1000, testAccuracy = mc.score(test.images, test.labels);
  page.result("multiClass", { testAccuracy, valScores: mc.valScores });
  page.figure(`MultiClassNetwork 100 units, batch 32, lr 0.1, ${epochs} epochs on ${train.count.toLocaleString("en-US")} MNIST images: test accuracy (${test.count.toLocaleString("en-US")})`,
    `${testAccuracy.toFixed(4)} in ${seconds.toFixed(2)} s`, "0.815 on Fashion-MNIST (40 epochs)");
  page.picture(sn.plot.lineChart({ title: "MultiClassNetwork: test accuracy", xLabel: "epoch", yLabel: "accuracy",
    series: [{ name: "test", y: mc.valScores }], legend: "bottom-right", width: 420, height: 280 }), "Softmax and cross-entropy over 10 classes, on the MNIST subset: test accuracy after each epoch.");
  mc.dispose();
});
