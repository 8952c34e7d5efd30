// Lesson 6 (seed 002) in the page, as examples/06-sequential-network.ts on the MNIST subset:
// the average 8 as a classifier, then SequentialNetwork of DenseLayer/ActivationLayer trained
// with MSE, learning rate 3.0 and minibatches of 10, printing "Epoch k: correct / total".
lesson.start(async (sn, page) => {
  const { train, test } = await page.mnist(sn);
  const W = sn.averageDigit(train, 8), b = sn.AVERAGE_DIGIT_BIAS;
  const onTest = sn.evaluateAverageDigit(test, 8, 0.5, W, b), onEights = sn.evaluateAverageDigit(sn.onlyDigit(test, 8), 8, 0.5, W, b);
  const eights = Array.from(test.labels).filter((l) => l === 8).length;
  page.result("averageDigit", { test: onTest, eights: onEights });
  page.figure(`the average 8 (b = ${b}, threshold 0.5) on ${test.count.toLocaleString("en-US")} test images / on their ${eights} 8s`, `${onTest.toFixed(4)} / ${onEights.toFixed(4)}`,
    `(baseline) always "not 8": ${(1 - eights / test.count).toFixed(4)}`);
  const digits = Array.from({ length: 10 }, (_, d) => d);
  page.picture(sn.plot.imageGrid({ images: digits.map((d) => (d === 8 ? W : sn.averageDigit(train, d))), labels: digits, columns: 10, range: "each",
    title: `The average digit of each class (${train.count.toLocaleString("en-US")} training images)` }), "The average 8 is the weight vector: it finds most 8s but also calls many other digits 8.");
  await page.tick();

  const epochs = 3, rows = 5_000; // the first 5,000 training images: 500 minibatches an epoch keep the page to seconds
  const part = { images: sn.tensor2d(train.images.data.subarray(0, rows * 784), [rows, 784], 1 / 255), labels: train.labels.subarray(0, rows) };
  const net = new sn.SequentialNetwork({ seed: 42, print: page.log });
  net.add(new sn.DenseLayer(784, 392));
  net.add(new sn.ActivationLayer(392));
  net.add(new sn.DenseLayer(392, 196));
  net.add(new sn.ActivationLayer(196));
  net.add(new sn.DenseLayer(196, 10));
  net.add(new sn.ActivationLayer(10));
  const r = net.train(part, epochs, 10, 3.0, test);
  page.result("correct", r.correct);
  page.result("total", r.total);
  r.correct.forEach((c, k) => page.figure(`Epoch ${k}: correct / total (784-392-196-10, MSE, lr 3.0, batch 10)`, `${c} / ${r.total} in ${r.seconds[k].toFixed(2)} s`,
    k === 0 ? "rises each epoch (10 epochs on 50,000 images)" : ""));
  net.dispose();
});
