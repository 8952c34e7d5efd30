// `npm start -- --help`: the options of the MNIST job.
import { parseArgs } from "node:util";
import { ACTIVATIONS, ACTIVATION_NAMES, type ActivationEntry, type ActivationName } from "../core/activations.js";

export interface Options {
  hidden: number[];
  activation: ActivationName;
  optimizer: "adam" | "sgd" | "momentum";
  learningRate?: number;
  epochs: number;
  batchSize: number;
  seed: number;
  trainLimit?: number;
  out: string;
}

/** Hidden activations: each one that trains by gradient (not step), element by element (not softmax), under its own name (not identity). */
const ACTIVATIONS_HIDDEN = ACTIVATION_NAMES.filter((n) => {
  const e: ActivationEntry = ACTIVATIONS[n];
  return !e.flat && !e.over && !e.savedAs;
});

export const HELP = `Train an MNIST classifier with scratchnet (the course's Keras experiment by default).

Usage: npm start -- [options]

  --hidden 50          hidden layer sizes, comma-separated (e.g. 100,50)
  --activation sigmoid hidden activation: ${ACTIVATIONS_HIDDEN.join(", ")}
  --optimizer adam     adam, sgd or momentum (SGD with momentum 0.9)
  --lr <rate>          learning rate (default: 0.001 for adam, 0.1 for sgd, 0.01 for momentum)
  --epochs 10          passes over the 60,000 training images
  --batch-size 32      images per step
  --seed 42            seed of initialisation and shuffling (same seed, same bits)
  --train-limit <n>    train on the first n images only
  --out out            folder for history.json, model.json and weights.bin
  -h, --help           this text
`;

const positive = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got '${v}'`);
  return n;
};

const MNIST_TRAIN = 60_000;

/** Node's parseArgs, with its errors reworded to say what to type instead. */
function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        hidden: { type: "string", default: "50" }, activation: { type: "string", default: "sigmoid" },
        optimizer: { type: "string", default: "adam" }, lr: { type: "string" }, epochs: { type: "string", default: "10" },
        "batch-size": { type: "string", default: "32" }, seed: { type: "string", default: "42" },
        "train-limit": { type: "string" }, out: { type: "string", default: "out" }, help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (e) {
    const message = (e as Error).message;
    if (/ambiguous/.test(message)) throw new Error(`${message.split(".")[0]}: a value that starts with '-' is not allowed here (and negative values are invalid); see --help`);
    throw new Error(`${message}; see --help`);
  }
}

export function parseOptions(argv: string[]): Options | "help" {
  const values = parse(argv);
  if (values.help) return "help";
  const optimizer = values.optimizer as Options["optimizer"];
  if (!["adam", "sgd", "momentum"].includes(optimizer)) throw new Error(`--optimizer must be adam, sgd or momentum, got '${optimizer}'`);
  if (!(ACTIVATIONS_HIDDEN as string[]).includes(values.activation!)) {
    throw new Error(`--activation must be one of ${ACTIVATIONS_HIDDEN.join(", ")} for hidden layers, got '${values.activation}'`);
  }
  const lr = values.lr === undefined ? undefined : Number(values.lr);
  if (lr !== undefined && !(lr > 0 && Number.isFinite(lr))) throw new Error(`--lr must be a positive number, got '${values.lr}'`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`--seed must be an integer from 0 to 4294967295, got '${values.seed}'`);
  const trainLimit = positive("train-limit", values["train-limit"]);
  if (trainLimit !== undefined && trainLimit > MNIST_TRAIN) throw new Error(`--train-limit must be at most ${MNIST_TRAIN.toLocaleString("en-US")} (MNIST's training set), got ${trainLimit}`);
  return {
    hidden: values.hidden!.split(",").map((h) => positive("hidden", h)!),
    activation: values.activation as ActivationName,
    optimizer,
    learningRate: lr,
    epochs: positive("epochs", values.epochs)!,
    batchSize: positive("batch-size", values["batch-size"])!,
    seed,
    trainLimit,
    out: values.out!,
  };
}

/** Whether these are the course's settings (seed 003), so its 96.8% is the figure to compare with. */
export const isCourseSetup = (o: Options): boolean =>
  o.hidden.length === 1 && o.hidden[0] === 50 && o.activation === "sigmoid" && o.optimizer === "adam" &&
  (o.learningRate ?? 0.001) === 0.001 && o.epochs === 10 && o.batchSize === 32 && o.trainLimit === undefined;
