// Options a new user carries over from TF.js or Keras are refused by name, never silently replaced
// by a default: optimizer arguments, compile() options, Dense's inputShape, names.
import { describe, it, expect } from "vitest";
import { Sequential, Dense, SGD, Adam, RMSprop, Adagrad, Adadelta, Adamax, AdamW, ModelError, ShapeError } from "../../src/index.js";
import { toyClasses } from "./util.js";

const data = toyClasses(16, 4, 3, 5);

describe("optimizer options", () => {
  it("a learning rate given positionally, as tf.train.sgd(0.1), is refused with the object form", () => {
    expect(() => new SGD(0.1 as never)).toThrow(ModelError);
    expect(() => new SGD(0.1 as never)).toThrow(/new SGD\(0\.1\): options are an object; use new SGD\(\{learningRate: 0\.1\}\)/);
    expect(() => new Adam(0.05 as never)).toThrow(/use new Adam\(\{learningRate: 0\.05\}\)/);
    expect(() => new Adam(null as never)).toThrow(/options are an object/);
  });

  it("Keras' lr, learning_rate and TF.js's useNesterov are refused by name, with the options there are", () => {
    expect(() => new Adam({ lr: 0.1 } as never)).toThrow(/Adam: unknown option 'lr'; Adam takes learningRate, beta1, beta2, epsilon/);
    expect(() => new Adam({ learning_rate: 0.1 } as never)).toThrow(/unknown option 'learning_rate'/);
    expect(() => new SGD({ useNesterov: true } as never)).toThrow(/SGD: unknown option 'useNesterov'; SGD takes learningRate, momentum, nesterov/);
    expect(() => new SGD({ nesterov: true })).toThrow(/SGD: nesterov needs momentum > 0/);
    expect(() => new RMSprop({ decay: 0.9, rho: 0.8 })).toThrow(/decay \(TF\.js's name\) and rho \(Keras's\) are the same option/);
    expect(new RMSprop({ rho: 0.8 }).decay).toBe(0.8);
    expect(() => new Adagrad({ initialAccumulatorValue: 0 })).toThrow(/Adagrad initialAccumulatorValue must be a positive finite number, got 0/);
    expect(() => new Adamax({ beta1: 1 })).toThrow(/Adamax beta1 must be in \[0, 1\), got 1; the usual value is 0\.9/);
    expect(() => new Adadelta({ rho: -0.1 })).toThrow(/Adadelta rho must be in \[0, 1\)/);
    expect(() => new AdamW({ weightDecay: -1 })).toThrow(/AdamW weightDecay must be in \[0, Infinity\)/);
    expect(() => new AdamW({ wd: 0.1 } as never)).toThrow(/AdamW: unknown option 'wd'; AdamW takes learningRate, beta1, beta2, epsilon, weightDecay/);
    expect(() => new SGD({ learningRate: -1 })).toThrow(/learningRate must be a positive finite number or a schedule/);
    // An option given as undefined is the default, as a spread of optional settings gives it.
    expect(new Adam({ learningRate: 0.1, beta1: undefined }).getConfig()).toEqual({ learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(new SGD({ learningRate: 0.1 }).learningRate).toBe(0.1);
  });

  it("compile() takes TF.js' spellings of its six optimizers (tfjs-layers getOptimizer), and no others", () => {
    const all = [["SGD", "SGD"], ["sgd", "SGD"], ["Adam", "Adam"], ["adam", "Adam"], ["rmsprop", "RMSprop"], ["RMSProp", "RMSprop"],
      ["adagrad", "Adagrad"], ["Adagrad", "Adagrad"], ["adadelta", "Adadelta"], ["Adadelta", "Adadelta"], ["adamax", "Adamax"], ["Adamax", "Adamax"]] as const;
    for (const [spec, name] of all) {
      const model = new Sequential([new Dense({ units: 3, inputShape: [4] })]);
      model.compile({ optimizer: spec, loss: "mse" });
      expect(model.optimizer!.name).toBe(name);
      model.dispose();
    }
    const model = new Sequential([new Dense({ units: 3, inputShape: [4] })]);
    for (const spec of ["Sgd", "RMSprop", "momentum", "adamw"]) {
      expect(() => model.compile({ optimizer: spec as never, loss: "mse" })).toThrow(new RegExp(`unknown optimizer '${spec}'; use one of 'sgd', 'SGD', 'adam'`));
    }
    model.dispose();
  });
});

describe("compile() options", () => {
  it("a misspelt option is refused by name instead of compiling without it", () => {
    const model = new Sequential([new Dense({ units: 3, inputShape: [4] })]);
    expect(() => model.compile({ optimizer: "adam", loss: "mse", metric: ["accuracy"] } as never)).toThrow(/compile\(\): unknown option 'metric'; the options are optimizer, loss, metrics/);
    expect(() => model.compile({ optimizer: "adam", loss: "mse", metrics: "accuracy" } as never)).toThrow(/metrics is a list, e\.g\. metrics: \['accuracy'\]/);
    expect(model.optimizer).toBeUndefined();
    model.dispose();
  });

  it("a missing loss or optimizer is named, with an example", () => {
    const model = new Sequential([new Dense({ units: 3, inputShape: [4] })]);
    expect(() => model.compile({ optimizer: "adam" } as never)).toThrow(/^compile\(\) needs a loss, e\.g\. compile\(\{optimizer: 'adam', loss: /);
    expect(() => model.compile({ loss: "mse" } as never)).toThrow(/^compile\(\) needs an optimizer, e\.g\./);
    expect(() => model.compile(undefined as never)).toThrow(/compile\(\) takes an object/);
    model.dispose();
  });
});

describe("metric names", () => {
  it("metrics: ['acc'] logs acc and val_acc, as TF.js and Keras do; 'accuracy' logs accuracy", async () => {
    for (const [metric, key] of [["acc", "acc"], ["accuracy", "accuracy"]] as const) {
      const model = new Sequential({ seed: 1, layers: [new Dense({ units: 3, activation: "softmax", inputShape: [4] })] });
      model.compile({ optimizer: "sgd", loss: "sparseCategoricalCrossentropy", metrics: [metric] });
      const seen: string[][] = [];
      const history = await model.fit(data.x, data.y, { epochs: 2, verbose: 0, validationSplit: 0.25, callbacks: { onEpochEnd: (_e, logs) => void seen.push(Object.keys(logs!)) } });
      expect(Object.keys(history.history)).toEqual(["loss", key, "val_loss", `val_${key}`]);
      expect(seen).toEqual([["loss", key, "val_loss", `val_${key}`], ["loss", key, "val_loss", `val_${key}`]]);
      model.dispose();
    }
  });
});

describe("model names", () => {
  it("models are named sequential_1, sequential_2, … as in TF.js, so an error naming two models tells them apart", () => {
    const first = new Sequential(), second = new Sequential(), layer = new Dense({ units: 2, inputShape: [4] });
    const n = Number(first.name.match(/^sequential_(\d+)$/)![1]);
    expect(second.name).toBe(`sequential_${n + 1}`);
    first.add(layer);
    expect(() => second.add(layer)).toThrow(new RegExp(`already belongs to a model \\('${first.name}'\\) and cannot also join '${second.name}'`));
    expect(new Sequential({ name: "mine" }).name).toBe("mine");
    first.dispose();
  });
});

describe("Dense's inputShape", () => {
  it("a multi-dimensional inputShape is refused with how to flatten, not cut to its last value", () => {
    expect(() => new Dense({ units: 10, inputShape: [28, 28] })).toThrow(ShapeError);
    expect(() => new Dense({ units: 10, inputShape: [28, 28] })).toThrow(/Dense takes inputShape \[n\], e\.g\. \[784\], got \[28, 28\]; flatten each sample to 784 values/);
    expect(() => new Dense({ units: 10, inputShape: [2, 3, 1] })).toThrow(/got \[2, 3, 1\]; flatten each sample to 6 values/);
    expect(() => new Dense({ units: 10, inputShape: [] })).toThrow(/Dense takes inputShape \[n\].*got \[\]$/);
    expect(() => new Dense({ units: 10, inputShape: [28, 0] })).toThrow(/inputShape must be a positive integer, got 0/);
    const model = new Sequential([new Dense({ units: 10, inputShape: [784] })]);
    expect(model.countParams()).toBe(7850);
    model.dispose();
  });
});

describe("counts in messages", () => {
  it("one row, column, value or unit is said in the singular", async () => {
    const model = new Sequential({ seed: 1, layers: [new Dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: "sgd", loss: "mse" });
    await expect(model.fit([[1, 2]], [1], { verbose: 0 })).rejects.toThrow(/x has 2 columns but the model's input layer expects 1; reshape \(flatten\) each sample to 1 value$/);
    await expect(model.fit([[1], [2]], [1], { verbose: 0 })).rejects.toThrow(/y has 1 row but the inputs have 2/);
    await expect(model.fit([[1]], [[1, 2]], { verbose: 0 })).rejects.toThrow(/y has 2 columns but the output layer has 1 unit; give integer labels or rows of 1 target$/);
    await expect(model.fit([[1]], [1], { verbose: 0, validationSplit: 0.5 })).rejects.toThrow(/of 1 row leaves 0 training and 1 validation row /);
    expect(() => model.setWeights([new Float32Array(2)])).toThrow(/got 1 array but/);
    expect(() => model.setWeights([new Float32Array(2), new Float32Array(1)])).toThrow(/needs 1 value \[1,1\], got 2/);
    model.dispose();
  });
});
