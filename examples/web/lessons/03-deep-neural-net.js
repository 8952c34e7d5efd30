// Lesson 3 (seed 000) in the page, as examples/03-deep-neural-net.ts: DeepNeuralNet learns XOR
// without bias terms, full batch, with the course's settings (eta 0.5, 5,000 epochs, weights
// uniform in [-1, 1)), four configurations, and their cost curves on one plot.
lesson.start(async (sn, page) => {
  const X = [[0, 0, 1, 1], [0, 1, 0, 1]], y = [0, 1, 1, 0]; // features × samples, as the course
  const eta = 0.5, epochs = 5000, seed = 2;
  const configs = [
    [[2, 4, 1], ["sigmoid", "sigmoid"]],
    [[2, 4, 1], ["tanh", "sigmoid"]],
    [[2, 4, 2, 1], ["sigmoid", "sigmoid", "sigmoid"]],
    [[2, 4, 2, 1], ["tanh", "sigmoid", "sigmoid"]],
  ];
  const series = [], runs = [];
  for (const [arch, g] of configs) {
    const started = performance.now();
    const dnn = new sn.DeepNeuralNet(arch, g, eta, epochs, seed).fit(X, y);
    const ms = performance.now() - started;
    const name = `[${arch.join(", ")}] ${g.join("/")}`, cost = dnn.cost, predicted = dnn.predict(X);
    runs.push({ name, first: cost[0], last: cost[epochs - 1], predicted, evaluate: dnn.evaluate(X, y) });
    page.figure(`${name}: cost ${cost[0].toFixed(3)} → ${cost[epochs - 1].toFixed(4)}`, `predict ${predicted.join(", ")} · evaluate ${dnn.evaluate(X, y)} · ${ms.toFixed(0)} ms`, "learns XOR: 0, 1, 1, 0");
    series.push({ name, y: cost, dash: arch.length === 3 ? "7 4" : undefined });
    dnn.dispose();
    await page.tick();
  }
  page.result("runs", runs);
  page.log("[2, 4, 1] with tanh cannot place (0, 0): without bias tanh maps 0 to 0, so the sigmoid output is exactly 0.5;");
  page.log("predict() calls it class 0 only because class 1 means output > 0.5. [2, 4, 2, 1] escapes: its sigmoid layer maps 0 to 0.5.");
  page.picture(sn.plot.lineChart({ title: `XOR, DeepNeuralNet, η = ${eta}, seed ${seed}: sigmoid vs tanh`, xLabel: "epoch", yLabel: "cost  √Σ(y − a)²",
    yRange: [0, 1.4], series, width: 640, height: 360 }), "The cost per epoch of each configuration (dashed: one hidden layer).");
});
