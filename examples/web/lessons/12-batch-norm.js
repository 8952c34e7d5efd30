// Lesson 12 (Saito 6.3) in the page, as examples/12-batch-norm.ts: the first 1,000 training images,
// 5 × 100 ReLU with and without BatchNormalization, 16 weight scales, 10 epochs (the book: 20).
lesson.start(async (sn, page) => {
  const { train } = await page.mnist(sn), n = 1000, epochs = 10;
  const x = sn.tensor2d(train.images.data.subarray(0, n * 784), [n, 784], 1 / 255), t = train.labels.subarray(0, n);
  const run = (weightInitStd, useBatchnorm) => {
    const acc = [], net = new sn.MultiLayerNetExtend({ inputSize: 784, hiddenSizeList: [100, 100, 100, 100, 100], outputSize: 10, weightInitStd, useBatchnorm, seed: 42 });
    try {
      net.train(x, t, { iterations: epochs * 10 - 9, batchSize: 100, xTest: x, tTest: t, seed: 42, onEpoch: (_e, a) => acc.push(a) });
      return { acc };
    } catch (e) {
      if (!(e instanceof sn.ModelError)) throw e;
      return { acc, diverged: true }; // the loss became NaN: the book's numpy goes on in NaN
    } finally {
      net.dispose();
    }
  };
  const charts = [], finals = [];
  for (let i = 0; i < 16; i++) {
    const std = 10 ** (-4 * i / 15), plain = run(std, false), bn = run(std, true);
    finals.push({ std, plain: plain.diverged ? null : plain.acc.at(-1), bn: bn.acc.at(-1) });
    page.log(`σ = ${std.toExponential(2)}: without BN ${plain.diverged ? "diverged" : plain.acc.at(-1).toFixed(3)}, with BN ${bn.acc.at(-1).toFixed(3)}`);
    charts.push({ title: `W: ${std.toPrecision(3)}`, yRange: [0, 1], xRange: [0, epochs - 1], legend: i === 15 ? "bottom-right" : "none",
      series: [{ name: "BN", x: bn.acc.map((_, j) => j), y: bn.acc }, { name: "without BN", x: plain.acc.map((_, j) => j), y: plain.acc, dash: "7 4" }] });
    await page.tick();
  }
  page.result("finals", finals);
  const ahead = finals.filter((f) => f.plain === null || f.bn > f.plain).length;
  page.figure("scales where BN ends ahead", `${ahead} of 16`, "almost all");
  page.figure("without BN: scales that learn (> 0.5)", `${finals.filter((f) => f.plain !== null && f.plain > 0.5).length} of 16`, "only where the scale is right");
  page.picture(sn.plot.chartGrid(charts, { columns: 4, width: 240, height: 180, title: "Training accuracy, with BN (solid) and without (dashed)" }),
    "The book's figure 6-19: 16 initial weight scales from 1 to 0.0001.");
});
