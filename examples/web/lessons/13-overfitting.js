// Lesson 13 (Saito 6.4) in the page, as examples/13-overfitting.ts: 300 training images, 7 layers
// of 100 ReLU, 201 epochs; plain, weight decay λ = 0.1, dropout 0.15; 1,000 test images.
lesson.start(async (sn, page) => {
  const { train, test } = await page.mnist(sn);
  const x = sn.tensor2d(train.images.data.subarray(0, 300 * 784), [300, 784], 1 / 255), t = train.labels.subarray(0, 300);
  const xt = sn.tensor2d(test.images.data.subarray(0, 1000 * 784), [1000, 784], 1 / 255), tt = test.labels.subarray(0, 1000);
  const net = { inputSize: 784, hiddenSizeList: [100, 100, 100, 100, 100, 100], outputSize: 10, seed: 42 };
  const runs = [
    ["no regularization", () => new sn.MultiLayerNet(net), "train ≈ 100%, test ≈ 75%"],
    ["weight decay λ = 0.1", () => new sn.MultiLayerNet({ ...net, weightDecayLambda: 0.1 }), "train below 100%, a narrower gap"],
    ["dropout 0.15", () => new sn.MultiLayerNetExtend({ ...net, useDropout: true, dropoutRation: 0.15 }), "train below 100%, a narrower gap"],
  ];
  const charts = [], finals = {};
  for (const [name, make, book] of runs) {
    const started = performance.now(), model = make();
    const r = model.train(x, t, { iterations: 201 * 3 - 2, batchSize: 100, xTest: xt, tTest: tt, seed: 42 });
    model.dispose();
    const trainAcc = r.trainAccList.at(-1), testAcc = r.testAccList.at(-1), seconds = (performance.now() - started) / 1000;
    finals[name] = { train: trainAcc, test: testAcc, trainAt100: r.trainAccList[100] };
    page.figure(`${name}: train / test accuracy after 201 epochs`, `${trainAcc.toFixed(3)} / ${testAcc.toFixed(3)} (${seconds.toFixed(2)} s)`, book);
    charts.push({ title: name, xLabel: "epochs", yLabel: "accuracy", yRange: [0, 1], legend: "bottom-right",
      series: [{ name: "train", x: r.trainAccList.map((_, i) => i), y: r.trainAccList }, { name: "test", x: r.testAccList.map((_, i) => i), y: r.testAccList, dash: "7 4" }] });
    await page.tick();
  }
  page.result("finals", finals);
  page.picture(sn.plot.chartGrid(charts, { columns: 3, width: 300, height: 260, title: "300 images, 7 layers × 100 ReLU: train vs test" }),
    "The book's figures 6-20, 6-21 and 6-23.");
});
