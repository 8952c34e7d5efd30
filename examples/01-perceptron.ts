// Lesson 1 (seed 004): the perceptron. Gates with the course's weights, XOR from NAND, OR and
// AND (a 2-layer perceptron), the learning rule w += (d − y)·x learning AND and OR, and failing
// on XOR: one straight line cannot separate XOR's classes.
// Run: npx tsx examples/01-perceptron.ts
import "../src/index.js";
import { AND, NAND, OR, XOR, GATE_INPUTS, GATE_PARAMS, Perceptron, truthTable, xorNetwork } from "../src/course/perceptron.js";

const gates = { AND, NAND, OR } as const;
for (const [name, gate] of Object.entries(gates)) {
  const { weights, bias } = GATE_PARAMS[name as keyof typeof gates];
  console.log(`${name}  (w1, w2, b) = (${weights.join(", ")}, ${bias})`);
  for (const [x1, x2, y] of truthTable(gate)) console.log(`  (${x1}, ${x2}) -> ${y}`);
}

console.log("\nXOR(x1, x2) = AND(s1, s2) with s1 = NAND(x1, x2), s2 = OR(x1, x2)");
console.log("  x1 x2 | s1 s2 | y");
for (const [x1, x2] of GATE_INPUTS) console.log(`   ${x1}  ${x2} |  ${NAND(x1, x2)}  ${OR(x1, x2)} | ${XOR(x1, x2)}`);
console.log(`as one batched 2-layer perceptron: ${xorNetwork(GATE_INPUTS.map((r) => [...r])).join(", ")}`);

const x = GATE_INPUTS.map((r) => [...r]);
console.log("\nThe perceptron rule (weights 0, η = 1, stop when a pass's error (1/s)Σ|d − y| < 0.01, cap 100 passes):");
for (const [name, d] of [["AND", [0, 0, 0, 1]], ["OR", [0, 1, 1, 1]], ["XOR", [0, 1, 1, 0]]] as const) {
  const p = new Perceptron(2);
  const h = p.fit(x, [...d], { maxIterations: 100 });
  const errors = h.errors.length > 8 ? [...h.errors.slice(0, 8), "…"] : h.errors;
  console.log(`${name.padEnd(4)} ${h.converged ? "learned" : "FAILED "} after ${String(h.iterations).padStart(3)} passes; error per pass ${errors.join(" ")}`);
  console.log(`     w = (${Array.from(p.weights).join(", ")}), b = ${p.bias}; outputs ${p.predict(x).join(", ")} (wanted ${d.join(", ")})`);
}
console.log("\nOne layer cannot learn XOR: it draws one straight line, and no line puts (1, 0), (0, 1) on one side");
console.log("and (0, 0), (1, 1) on the other, so every pass keeps a mistake and the rule stops at its cap.");
console.log("Two layers can: NAND and OR draw two lines, AND keeps the strip between them.");
