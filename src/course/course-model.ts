// A course network's layers as the engine's Model (models/model.ts): what the one step
// (models/stack.ts), the one training loop and the one chunked evaluate/predict path
// (models/inference.ts) take. Plain SGD at the course's learning_rate and the class's loss; the
// layers come built (from the generator the course then shuffles with: one stream, as the
// course's np.random), and are freed with it.
import type { Engine } from "../core/engine.js";
import type { Layer, Param, Shape, Weight } from "../layers/layer.js";
import type { Loss } from "../losses/loss.js";
import { SGD } from "../optimizers.js";
import type { Model } from "../models/model.js";

export class CourseModel implements Model {
  readonly name = "course network";
  readonly inputShape: Shape;
  readonly outputShapes: Shape[];
  readonly optimizer: SGD;
  readonly metrics: string[] = []; // the course scores by its own rule (score, valScores)
  stopTraining = false;
  fitting = false;
  /** predict()'s few-row input buffer and the rows it holds. */
  private input = 0;
  private inputRows = 0;

  constructor(readonly engine: Engine, readonly layers: readonly Layer[], readonly loss: Loss, learningRate: number) {
    this.inputShape = layers[0].inputShape;
    this.outputShapes = layers.map((layer) => layer.outputShape);
    this.optimizer = new SGD({ learningRate });
    this.optimizer.build(engine, this.params(), this);
  }

  get inputUnits(): number { return this.layers[0].inputSize; }
  get outputUnits(): number { return this.outputShapes[this.outputShapes.length - 1][0]; }
  ready(): Engine { return this.engine; }
  built(): Engine { return this.engine; }
  params(): Param[] { return this.layers.flatMap((layer) => layer.params()); }
  weights(): Weight[] { return this.layers.flatMap((layer) => layer.weights()); }

  inputBuffer(rows: number, grow: boolean): number {
    if (rows > this.inputRows && grow) {
      if (this.input) this.engine.heap.release(this.input);
      [this.input, this.inputRows] = [this.engine.heap.alloc(rows * this.inputUnits * 4), rows];
    }
    return rows <= this.inputRows ? this.input : 0;
  }

  /** Free the layers, the optimizer's binding and predict()'s buffer. */
  dispose(): void {
    this.optimizer.unbind();
    for (const layer of this.layers) layer.dispose();
    if (this.input) this.engine.heap.release(this.input);
    [this.input, this.inputRows] = [0, 0];
  }
}
