// Lesson 2 (seeds 003, 004) in the page, as examples/02-activations.ts: the activation functions
// and their derivatives, softmax without overflow, the course's 3-layer forward pass, and the
// course's own stored network (the book's sample_weight.pkl, MIT, read by the pickle reader, which
// runs none of its code) on the MNIST test subset in batches of 100.
lesson.start(async (sn, page) => {
  const A = sn.activations, F = sn.forwardPass;
  const fmt = (v, digits = 8) => `[${Array.from(v, (x) => x.toFixed(digits)).join(", ")}]`;
  const xs = Array.from({ length: 241 }, (_, i) => -6 + i * 0.05);
  const pairs = [["sigmoid", A.sigmoid, A.sigmoidDerivative], ["tanh", A.tanh, A.tanhDerivative], ["relu", A.relu, A.reluDerivative], ["step", A.step, A.stepDerivative]];
  page.picture(sn.plot.chartGrid(pairs.map(([name, f, df]) => ({
    title: name, xLabel: "x", legend: "top-left", yRange: name === "relu" ? undefined : [-1.2, 1.2],
    series: [{ name: `${name}(x)`, x: xs, y: f(xs) }, { name: `${name}′(x)`, x: xs, y: df(xs), dash: "7 4" }],
  })), { columns: 4, width: 300, height: 240, title: "Activation functions (solid) and their derivatives (dashed), from the WASM kernels" }),
  "The derivatives are the kernels the backward passes use; step's is zero everywhere it is defined.");

  const soft = page.result("softmax", Array.from(A.softmax([0.3, 2.9, 4.0])));
  page.figure("softmax([0.3, 2.9, 4.0])", fmt(soft), "[0.01821127 0.24519181 0.73659691]");
  const big = page.result("softmaxLarge", Array.from(A.softmax([1010, 1000, 990])));
  page.figure("softmax([1010, 1000, 990])", fmt(big), "[nan nan nan] before the max is subtracted");

  const y = page.result("forward", Array.from(F.forward(F.initNetwork(), [1.0, 0.5])));
  page.figure("3-layer forward pass, x = [1.0, 0.5]", fmt(y), `[${F.COURSE_FORWARD_OUTPUT.join(" ")}]`);

  await page.tick();
  const pickled = fetch("../data/deep-learning-from-scratch/sample_weight.pkl").then((r) => r.arrayBuffer());
  const [pkl, { test }] = await Promise.all([pickled, page.mnist(sn)]);
  const network = F.sampleWeightNetwork(new Uint8Array(pkl)); // uploaded into WASM once, reused by every call below
  const started = performance.now();
  const r = F.batchAccuracy(network, test.images, test.labels, 100);
  const ms = performance.now() - started;
  page.result("storedAccuracy", r.accuracy);
  page.figure(`the course's sample_weight.pkl (© 2016 Koki Saitoh, MIT), first ${r.total} MNIST test images, batches of 100`,
    `${(100 * r.accuracy).toFixed(2)}% (${r.correct} / ${r.total}) in ${ms.toFixed(0)} ms`, `93.52% on all 10,000 (Node: 9,352 of 10,000)`);

  const count = 24, answers = [];
  for (let i = 0; i < count; i++) {
    const p = F.predict(network, Array.from(test.images.data.subarray(i * 784, (i + 1) * 784), (v) => v / 255));
    let best = 0;
    for (let d = 1; d < 10; d++) if (p[d] > p[best]) best = d;
    answers.push(best === test.labels[i] ? `${best}` : `${best} (${test.labels[i]})`);
  }
  page.picture(sn.plot.imageGrid({ images: test.images, count, labels: answers, columns: 12, title: "The stored network's answers on the first 24 test digits" }),
    "Under each digit the network's answer; a wrong answer shows the true label in brackets.");
});
