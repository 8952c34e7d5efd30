// Lesson 1 (seed 004) in the page, as examples/01-perceptron.ts: the gates with the course's
// weights, XOR from NAND, OR and AND, and the perceptron rule learning AND and OR but not XOR.
lesson.start(async (sn, page) => {
  const P = sn.perceptron, x = P.GATE_INPUTS.map((r) => [...r]);
  for (const name of ["AND", "NAND", "OR"]) {
    const { weights, bias } = P.GATE_PARAMS[name];
    const table = P.truthTable(P[name]).map(([a, b, y]) => `(${a}, ${b}) → ${y}`).join("  ");
    page.log(`${name} (w1, w2, b) = (${weights.join(", ")}, ${bias}):  ${table}`);
  }
  const xor = page.result("xorFromGates", P.xorNetwork(x));
  page.log(`XOR = AND(NAND, OR), one batched 2-layer perceptron: ${xor.join(", ")}`);
  page.figure("XOR from NAND, OR, AND on (0,0) (1,0) (0,1) (1,1)", xor.join(", "), "0, 1, 1, 0");

  const errors = [];
  for (const [name, d] of [["AND", [0, 0, 0, 1]], ["OR", [0, 1, 1, 1]], ["XOR", [0, 1, 1, 0]]]) {
    const p = new sn.Perceptron(2);
    const h = p.fit(x, d, { maxIterations: 100 });
    errors.push({ name, y: h.errors });
    page.result(name, { converged: h.converged, iterations: h.iterations, outputs: p.predict(x) });
    page.log(`${name}: ${h.converged ? "learned" : "not learned"} after ${h.iterations} passes; w = (${Array.from(p.weights).join(", ")}), b = ${p.bias}; outputs ${p.predict(x).join(", ")}`);
    page.figure(`perceptron rule on ${name}`, h.converged ? `learned in ${h.iterations} passes` : `not learned: stops at the ${h.iterations}-pass cap`,
      name === "XOR" ? "cannot be learned by one layer" : "learned");
  }
  page.picture(sn.plot.lineChart({
    title: "The perceptron rule: error (1/s)·Σ|d − y| per pass", xLabel: "pass", yLabel: "error", yRange: [0, 1],
    series: errors.map((e, i) => ({ ...e, x: Array.from(e.y, (_, k) => k + 1), dash: i === 2 ? "7 4" : undefined })), width: 560, height: 320,
  }), "AND and OR reach zero error in a few passes; XOR keeps a mistake on every pass, because one straight line cannot separate its classes.");
  page.picture(sn.plot.decisionRegions({
    predict: (points) => P.xorNetwork(points), x, y: [0, 1, 1, 0], classes: 2, classNames: ["0", "1"], grid: 60,
    xRange: [-0.5, 1.5], yRange: [-0.5, 1.5], title: "XOR = AND(NAND, OR)", xLabel: "x1", yLabel: "x2", width: 420, height: 380,
  }), "Two layers can: NAND and OR each draw a line, AND keeps the strip between them.");
});
