// Lesson 14 (Saito 6.5) in the page, as examples/14-hyperparameter-search.ts: the first 20 trials of
// the seeded random search (500 images, 100 held out), the best trials' curves, then the best
// setting with cosineDecay and EarlyStopping through the Keras-style API; 2,000 test images.
lesson.start(async (sn, page) => {
  const { train, test } = await page.mnist(sn);
  const x = sn.tensor2d(train.images.data.subarray(0, 500 * 784), [500, 784], 1 / 255), t = train.labels.subarray(0, 500);
  const trials = 20, patience = 20, maxEpochs = 500;
  const g = (v) => (v < 1e-4 ? v.toExponential(2) : v.toPrecision(3));
  let started = performance.now();
  const search = sn.randomSearch(x, t, {
    trials, epochs: 50, seed: 42,
    onTrial: (tr) => page.log(`val acc:${tr.valAccList.at(-1)} | lr:${g(tr.lr)}, weight decay:${g(tr.weightDecay)}`),
  });
  const searchSeconds = (performance.now() - started) / 1000;
  const best = sn.bestTrials(search.trials, 20), top = best[0];
  page.log("=========== Hyper-Parameter Optimization Result ===========");
  best.forEach((tr, i) => page.log(`Best-${i + 1}(val acc:${tr.valAccList.at(-1)}) | lr:${g(tr.lr)}, weight decay:${g(tr.weightDecay)}`));
  page.result("trials", search.trials.map((tr) => ({ lr: tr.lr, weightDecay: tr.weightDecay, val: tr.valAccList.at(-1) })));
  page.result("best", { lr: top.lr, weightDecay: top.weightDecay, val: top.valAccList.at(-1) });
  const each = (searchSeconds / trials).toFixed(2);
  page.figure(`random search, ${trials} trials × 50 epochs`, `${searchSeconds.toFixed(1)} s (${each} s a trial)`, "100 trials; minutes in numpy");
  page.figure("best val acc (lr, weight decay)", `${top.valAccList.at(-1)} (lr ${g(top.lr)}, weight decay ${g(top.weightDecay)})`,
    "≈ 0.7–0.8; good lr ≈ 0.001–0.01, weight decay ≈ 1e-8–1e-6");
  const lrs = best.slice(0, 5).map((tr) => tr.lr);
  page.figure("lr of the best 5", `${g(Math.min(...lrs))} … ${g(Math.max(...lrs))}`, "0.001–0.01");
  page.picture(sn.plot.chartGrid(best.map((tr, i) => ({
    title: `Best-${i + 1}`, yRange: [0, 1], legend: i === 0 ? "bottom-right" : "none",
    series: [{ name: "val", x: tr.valAccList.map((_, j) => j), y: tr.valAccList },
      { name: "train", x: tr.trainAccList.map((_, j) => j), y: tr.trainAccList, dash: "6 4" }],
  })), { columns: 5, width: 190, height: 160, title: `Best ${best.length} of ${trials}: validation (solid), training (dashed)` }),
  "The book's figure 6-24: the best trials' accuracy over 50 epochs.");
  await page.tick();

  const model = new sn.Sequential({ seed: 42 }), l2 = { l2: top.weightDecay / 2 };
  for (let i = 0; i < 6; i++) {
    const first = i === 0 ? { inputShape: [784] } : {};
    model.add(new sn.Dense({ units: 100, activation: "relu", kernelInitializer: "heNormal", kernelRegularizer: l2, ...first }));
  }
  model.add(new sn.Dense({ units: 10, activation: "softmax", kernelInitializer: "heNormal", kernelRegularizer: l2 }));
  const learningRate = sn.cosineDecay({ initialLearningRate: top.lr, decaySteps: maxEpochs * 4, alpha: 0.01 });
  model.compile({ optimizer: new sn.SGD({ learningRate }), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  const stop = new sn.EarlyStopping({ monitor: "val_loss", patience, restoreBestWeights: true });
  started = performance.now();
  const { history } = await model.fit(search.train.x, search.train.y, {
    epochs: maxEpochs, batchSize: 100, validationData: [search.val.x, search.val.y], callbacks: [stop], verbose: 0, seed: 42,
  });
  const fitSeconds = (performance.now() - started) / 1000;
  const xt = sn.tensor2d(test.images.data, [test.count, 784], 1 / 255);
  const [, testAcc] = model.evaluate(xt, test.labels);
  model.dispose();
  page.result("early", { stoppedEpoch: stop.stoppedEpoch + 1, bestEpoch: stop.bestEpoch + 1, maxEpochs, patience, testAcc,
    valAcc: history.val_accuracy[stop.bestEpoch] });
  const valAt = history.val_accuracy[stop.bestEpoch].toFixed(2);
  page.figure("EarlyStopping(val_loss, patience 20): stopped at epoch",
    `${stop.stoppedEpoch + 1} of ${maxEpochs}, best ${stop.bestEpoch + 1} (val acc ${valAt}); ${fitSeconds.toFixed(1)} s`);
  page.figure(`test accuracy (${test.count} images)`, `${(testAcc * 100).toFixed(1)}%`);
});
