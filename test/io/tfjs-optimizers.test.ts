// scratchnet's optimizers against TensorFlow.js 4.22 itself (CPU backend, in Node): the 3-4(tanh)-2
// model of test/reference/tfjs-adam.ts from the same weights, full-batch MSE steps. The literals were
// printed by test/reference/tfjs-optimizers.ts (`npx tsx test/reference/tfjs-optimizers.ts --write`,
// which also wrote tfjs-optimizers-saved.json, TensorFlow.js's own saves after 5 steps); the last
// test reruns TensorFlow.js live and checks that it still gives them. Two cases follow Keras, not
// TensorFlow.js 4.22 (assembly/optim/adadelta.ts, rmsprop.ts): there the test shows TensorFlow.js's
// numbers are the bug (Adadelta = SGD, centered RMSprop = NaN); test/kernels/optimizers.test.ts checks
// those kernels against Keras's formulas.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { Sequential, Dense, SGD, RMSprop, Adagrad, Adadelta, Adamax, type Optimizer } from "../../src/index.js";
import { loadModel } from "../../src/io/load-model.js";
import type { ModelArtifacts } from "../../src/io/types.js";
import { X, Y, INIT } from "../reference/tfjs-adam.js";
import { SAVED_FILE, tfReference, stringConfigs, type Case } from "../reference/tfjs-optimizers.js";

const TFJS = {
  /** 10 steps from INIT. */
  after10: {
    momentum: [
      0.149779499, -0.370431691, 0.31341216, 0.360472679, -0.315012574, 0.22376731, -0.398366153, 0.0268274024,
      0.181017905, 0.158077836, 0.0133122876, -0.0406310633, -0.144195631, 0.0897922218, 0.143953502, -0.0936044827,
      -0.0737363026, -0.385881394, -0.208375424, 0.294577628, 0.201218516, 0.152964786, 0.0234276168, -0.151687294,
      0.174984291, 0.342825383,
    ],
    nesterov: [
      0.131855324, -0.364355832, 0.318562508, 0.358470947, -0.333344281, 0.227663919, -0.389036894, 0.0252342075,
      0.181745097, 0.176108778, 0.00220090523, -0.0455331579, -0.12770389, 0.0713232383, 0.145605713, -0.089144662,
      -0.086562492, -0.391706795, -0.224986851, 0.295143545, 0.205749825, 0.143745914, 0.0303725637, -0.139249638,
      0.19208777, 0.30272755,
    ],
    rmsprop: [
      -0.0105178542, -0.407969058, 0.249665394, 0.35586226, -0.387167335, 0.118189879, -0.434835672, -0.00291572511,
      0.30129683, 0.0658833683, 0.197919592, -0.0474702828, -0.0847276747, 0.0761747137, 0.282245755, -0.128388211,
      0.144390658, -0.424736202, -0.316139579, 0.326263577, 0.460483789, 0.242355406, -0.217437118, -0.140403405,
      0.110838279, 0.0333250612,
    ],
    rmspropMomentum: [
      -0.0456338748, -0.374135256, 0.305764794, 0.304447323, -0.413867414, 0.14485231, -0.369539589, -0.0577591024,
      0.245033696, 0.128816545, 0.140502915, 0.00965098012, -0.122962408, 0.106726162, 0.344558895, -0.161388159,
      0.0870255083, -0.406890124, -0.341178328, 0.339685947, 0.412129998, 0.267114967, -0.17392005, -0.0991864204,
      0.121717267, 0.0699579269,
    ],
    adagrad: [
      0.0994205922, -0.356284082, 0.296725273, 0.3645446, -0.373940498, 0.223258689, -0.384648651, 0.0251919813,
      0.22929804, 0.165506825, 0.0734023079, -0.0561683998, -0.112415351, 0.0599569902, 0.160559386, -0.0919830501,
      0.0174219962, -0.431003213, -0.278093666, 0.324135154, 0.357361317, 0.15435268, -0.10210789, -0.138736978,
      0.18181558, 0.140095294,
    ],
    adadelta: [
      0.0119696781, -0.314533383, 0.331410408, 0.363938093, -0.46814239, 0.250003725, -0.341206491, 0.0312338024,
      0.191600204, 0.380836338, -0.0717154369, -0.117747076, -0.0874908864, 0.00690307328, 0.128126666, -0.0677554905,
      -0.178966358, -0.449940145, -0.394249618, 0.337269008, 0.269464076, 0.11305359, 0.0674181208, -0.0804528072,
      0.220547646, 0.197169229,
    ],
    adamax: [
      0.0367446318, -0.261250824, 0.269682348, 0.339342475, -0.279873282, 0.175621495, -0.415002048, -0.0196062289,
      0.287025481, 0.0600343682, 0.181350872, -0.0297503471, -0.0948327333, 0.088832289, 0.26730296, -0.149312302,
      0.13752526, -0.384066671, -0.201424152, 0.301437974, 0.449948788, 0.242919281, -0.201814517, -0.127134606,
      0.122806981, 0.0485242158,
    ],
    adamaxDecay: [
      0.0687991083, -0.280583292, 0.246324301, 0.361309946, -0.283192515, 0.183396354, -0.440544367, 0.00345057715,
      0.309503347, 0.0384237468, 0.204553574, -0.053092394, -0.0752597228, 0.0700362623, 0.247284904, -0.129120544,
      0.159837618, -0.400400221, -0.202024698, 0.31517759, 0.470654845, 0.225419015, -0.222355008, -0.144298628,
      0.116974279, 0.0283713788,
    ],
  },
  /** 5 steps, saved (tfjs-optimizers-saved.json), tf.loadLayersModel, 10 more. */
  reloaded: {
    nesterov: [
      0.0570692122, -0.338665128, 0.409208417, 0.310307711, -0.403175682, 0.241037592, -0.295319438, -0.0234015435,
      0.108204693, 0.336314708, -0.1403061, -0.0238834042, -0.117360242, 0.0450928807, 0.141686648, -0.0957030132,
      -0.248048171, -0.365060717, -0.305192232, 0.258451462, 0.105195291, 0.117733948, 0.179145992, -0.0582609922,
      0.261715114, 0.251171589,
    ],
    rmspropMomentum: [
      -0.177877173, -0.451539516, 0.34932369, 0.263166219, -0.536803961, 0.0680196807, -0.291148812, -0.111524031,
      0.176198617, 0.235594034, 0.0819407105, 0.0746547431, -0.149785534, 0.0963169336, 0.380081803, -0.164658129,
      0.0153148808, -0.495505244, -0.469871521, 0.387630016, 0.366864085, 0.247404262, -0.16423893, -0.0297880881,
      0.139376417, 0.0760164186,
    ],
    adagrad: [
      0.0438645706, -0.338525802, 0.332138687, 0.34452635, -0.435920894, 0.216982901, -0.329450846, 0.00448083598,
      0.191505238, 0.264138311, 0.0114851072, -0.0419283435, -0.124164321, 0.0531233586, 0.160450831, -0.0964461789,
      -0.0452402271, -0.447722435, -0.357777923, 0.330992848, 0.33667025, 0.156680658, -0.0688456297, -0.104335122,
      0.198601231, 0.150929183,
    ],
    adadelta: [
      -0.0486120954, -0.221014798, 0.330304533, 0.351662517, -0.550074577, 0.293850899, -0.311227679, 0.0234741662,
      0.15938504, 0.572237432, -0.140200064, -0.156100094, -0.0941628963, -0.0195636638, 0.109648094, -0.0683205575,
      -0.225624248, -0.497647554, -0.527355015, 0.402700931, 0.272125602, 0.101355538, 0.09140715, -0.0447899103,
      0.230661467, 0.200370997,
    ],
  },
};

/** Ours for each case, with the arguments test/reference/tfjs-optimizers.ts gives TensorFlow.js. */
const OURS: Record<Exclude<Case, "rmspropCentered" | "adadelta">, () => Optimizer> = {
  momentum: () => new SGD({ learningRate: 0.05, momentum: 0.9 }),
  nesterov: () => new SGD({ learningRate: 0.05, momentum: 0.9, nesterov: true }),
  rmsprop: () => new RMSprop({ learningRate: 0.01, decay: 0.9, momentum: 0, epsilon: 1e-7 }),
  rmspropMomentum: () => new RMSprop({ learningRate: 0.01, decay: 0.8, momentum: 0.5, epsilon: 1e-6 }),
  adagrad: () => new Adagrad({ learningRate: 0.1, initialAccumulatorValue: 0.1 }),
  adamax: () => new Adamax({ learningRate: 0.02, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, decay: 0 }),
  adamaxDecay: () => new Adamax({ learningRate: 0.02, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, decay: 0.05 }),
};

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const fitSteps = (m: Sequential, steps: number) => m.fit(X, Y, { epochs: steps, batchSize: X.length, shuffle: false, verbose: 0 });
const weightsOf = (m: Sequential) => m.getWeights().flatMap((w) => Array.from(w.data));

function ours(optimizer: Optimizer): Sequential {
  const m = new Sequential({ layers: [new Dense({ units: 4, activation: "tanh", inputShape: [3] }), new Dense({ units: 2, activation: "linear" })] });
  m.compile({ optimizer, loss: "meanSquaredError" });
  m.setWeights(INIT);
  return m;
}

function tfSaved(name: string): ModelArtifacts {
  const json = JSON.parse(readFileSync(SAVED_FILE, "utf8"))[name];
  return { ...json, weightData: new Uint8Array(Buffer.from(json.weightData, "base64")).buffer };
}

describe("optimizers follow TensorFlow.js 4.22", () => {
  it.each(Object.keys(OURS) as (keyof typeof OURS)[])("%s: 10 steps from the same weights, every weight within 1e-6 of TensorFlow.js's", async (name) => {
    const m = ours(OURS[name]());
    await fitSteps(m, 10);
    const diff = maxAbsDiff(weightsOf(m), TFJS.after10[name]);
    console.log(`${name}, 10 steps, scratchnet vs TensorFlow.js 4.22: max |Δ weight| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-6);
    m.dispose();
  });

  it.each(["nesterov", "rmspropMomentum", "adagrad"] as const)("%s: TensorFlow.js's save after 5 steps resumes here; 10 more steps within 1e-6 of TensorFlow.js's", async (name) => {
    const m = await loadModel(tfSaved(name));
    expect(m.optimizer!.iterations).toBe(5);
    expect(m.optimizer!.getConfig()).toEqual(OURS[name]().getConfig());
    await fitSteps(m, 10);
    const diff = maxAbsDiff(weightsOf(m), TFJS.reloaded[name]);
    console.log(`${name}: TensorFlow.js's state resumed here, 10 steps: max |Δ weight| = ${diff.toExponential(2)}`);
    expect(diff).toBeLessThan(1e-6);
    m.dispose();
  });

  it("Adadelta: TensorFlow.js 4.22's steps are exactly SGD's; scratchnet's (Keras's) are not, and its saved state loads", async () => {
    const sgd = ours(new SGD({ learningRate: 0.5 })), ada = ours(new Adadelta({ learningRate: 0.5, rho: 0.95, epsilon: 1e-7 }));
    await fitSteps(sgd, 10);
    await fitSteps(ada, 10);
    const [tfVsSgd, oursVsTf] = [maxAbsDiff(weightsOf(sgd), TFJS.after10.adadelta), maxAbsDiff(weightsOf(ada), TFJS.after10.adadelta)];
    console.log(`Adadelta, 10 steps: TensorFlow.js vs plain SGD ${tfVsSgd.toExponential(2)}; scratchnet (Keras's form) vs TensorFlow.js ${oursVsTf.toExponential(2)}`);
    expect(tfVsSgd).toBeLessThan(1e-6);
    expect(oursVsTf).toBeGreaterThan(0.1);
    // Its state format is TensorFlow.js's: accum_grad then accum_var per weight, after 'iter'.
    const saved = tfSaved("adadelta"), m = await loadModel(saved);
    expect(m.optimizer!.name).toBe("Adadelta");
    const names = saved.weightSpecs!.filter((s) => s.group === "optimizer").map((s) => s.name.split("/").pop());
    expect(names).toEqual(["iter", ...Array(4).fill("accum_grad"), ...Array(4).fill("accum_var")]);
    const f32 = m.engine!.heap.f32, state = m.optimizer!.stateBuffers().flatMap((b) => Array.from(f32.subarray(b.ptr >>> 2, (b.ptr >>> 2) + b.size)));
    const stored = new Float32Array(saved.weightData as ArrayBuffer, 26 * 4 + 4, state.length);
    expect(state).toEqual(Array.from(stored));
    for (const x of [sgd, ada, m]) x.dispose();
  });

  it("centered RMSprop: TensorFlow.js 4.22 gives NaN at its default ε (√(ms − mg² − ε)); scratchnet (Keras's √(ms − mg² + ε)) stays finite", async () => {
    const m = ours(new RMSprop({ learningRate: 0.01, centered: true }));
    await fitSteps(m, 10);
    expect(weightsOf(m).every(Number.isFinite)).toBe(true);
    expect(maxAbsDiff(weightsOf(m), TFJS.after10.rmsprop)).toBeGreaterThan(1e-3); // centering changes the steps
    m.dispose();
  });

  it("compile()'s strings make what TensorFlow.js's getOptimizer makes: class name and config", () => {
    const theirs = stringConfigs();
    for (const [s, t] of Object.entries(theirs)) {
      const m = new Sequential([new Dense({ units: 2, inputShape: [3] })]);
      m.compile({ optimizer: s as "sgd", loss: "meanSquaredError" });
      expect([m.optimizer!.className, m.optimizer!.getConfig()], s).toEqual([t.className, t.config]);
      m.dispose();
    }
  });

  it("the installed TensorFlow.js still gives these literals (live rerun of test/reference/tfjs-optimizers.ts)", async () => {
    const live = await tfReference();
    for (const [key, want] of Object.entries(TFJS.after10)) expect(maxAbsDiff(live.after10[key], want), key).toBeLessThan(5e-9);
    for (const [key, want] of Object.entries(TFJS.reloaded)) expect(maxAbsDiff(live.reloaded[key], want), key).toBeLessThan(5e-9);
    expect(live.after10.rmspropCentered.every(Number.isNaN)).toBe(true);
  });
});
