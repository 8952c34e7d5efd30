// Lesson 7 (seed 003, 12-6 to 12-8) in the page, as examples/07-step-by-step.ts on the MNIST
// subset: five train_steps on the first 100 images, then the full cycle with minibatches of 100
// sampled with replacement, train and test accuracy after each epoch.
lesson.start(async (sn, page) => {
  const S = sn.stepByStep, { train, test } = await page.mnist(sn);
  const first = sn.imagesToTensors(sn.tensor2d(train.images.data.subarray(0, 100 * 784), [100, 784], 1 / 255), train.labels.subarray(0, 100));
  const rng = new sn.Rng(first.x.engine, 42), params = S.initParams(784, 50, 10, rng, 0.01);
  const losses = [];
  for (let i = 0; i < 5; i++) losses.push(S.trainStep(first.x, first.y, params, 0.1));
  page.log(`train_step × 5 on x_train[:100]: loss ${losses.map((l) => l.toFixed(4)).join(", ")}`);
  page.figure("train_step five times on the first 100 images: loss", losses.map((l) => l.toFixed(4)).join(", "), "falls a little each step (2.30…)");
  S.disposeParams(params);
  rng.dispose();
  first.x.dispose();
  first.y.dispose();
  await page.tick();

  const tr = sn.imagesToTensors(train.images, train.labels), te = sn.imagesToTensors(test.images, test.labels);
  const itersNum = 600, started = performance.now();
  const r = sn.trainingCycle(tr.x, tr.y, te.x, te.y, {
    itersNum, batchSize: 100, learningRate: 0.1, hiddenSize: 50, weightInitStd: 0.01, activation: "relu", seed: 42,
    onEpoch: (epoch, i, loss, trainAcc, testAcc) => page.log(`epoch ${epoch} (iteration ${i}): loss ${loss.toFixed(4)}, train acc ${trainAcc.toFixed(4)}, test acc ${testAcc.toFixed(4)}`),
  });
  const seconds = (performance.now() - started) / 1000, final = S.accuracy(r.params, te.x, te.y);
  page.result("trainLossList", r.trainLossList.filter((_, i) => i % 50 === 0));
  page.result("testAccList", r.testAccList);
  page.result("finalTestAccuracy", final);
  page.figure(`the full cycle: 784-50(relu)-10, ${itersNum.toLocaleString("en-US")} iterations of 100 sampled from ${train.count.toLocaleString("en-US")} images`,
    `test accuracy ${final.toFixed(4)} (${test.count.toLocaleString("en-US")} images) in ${seconds.toFixed(2)} s`, "near 0.97 after 50,000 iterations on 60,000 (sigmoid)");
  page.picture(sn.plot.chartGrid([
    { title: "Accuracy per epoch", xLabel: "epoch", yLabel: "accuracy", legend: "bottom-right", series: [{ name: "train", y: r.trainAccList }, { name: "test", y: r.testAccList, dash: "7 4" }] },
    { title: "Loss per iteration", xLabel: "iteration", yLabel: "cross-entropy", series: [{ name: "train loss", y: r.trainLossList }] },
  ], { columns: 2, width: 420, height: 280, title: "The full training cycle (12-8), as the notebook's two graphs" }), "train_acc_list and test_acc_list per epoch, and train_loss_list per iteration.");
  S.disposeParams(r.params);
  for (const t of [tr.x, tr.y, te.x, te.y]) t.dispose();
});
