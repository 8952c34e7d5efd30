// Lesson 5 (seeds 001, 003): Keras-style models. Seed 003's experiment, cell by cell:
//   model = keras.models.Sequential(); model.add(Dense(50, 'sigmoid', input_shape=(784,)));
//   model.add(Dense(10, 'softmax')); model.summary()
//   model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])
//   model.fit(x_train_reshaped, y_train, epochs=10); model.evaluate(x_test_reshaped, y_test)
// Run: npx tsx examples/05-keras-models.ts [--epochs 10]   (npm start runs the same model with a progress bar)
import { Sequential, Dense, loadMnist } from "../src/node.js";
import { exampleArgs } from "./args.js";

const COURSE = { params: 39_760, testLoss: 0.1078, testAccuracy: 0.968 };
const epochs = exampleArgs("examples/05-keras-models.ts [--epochs 10]", { epochs: "10" }).int("epochs", 1); // the course's 10
const started = performance.now();
const { train, test } = await loadMnist(); // x / 255 happens as batches are gathered (scale 1/255)

const model = new Sequential({ seed: 42 });
model.add(new Dense({ units: 50, activation: "sigmoid", inputShape: [784] })); // hidden H = 50
model.add(new Dense({ units: 10, activation: "softmax" })); // output K = 10
model.summary();
console.log(`parameters: ${model.countParams().toLocaleString("en-US")} (course: ${COURSE.params.toLocaleString("en-US")})\n`);

model.compile({ optimizer: "adam", loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
await model.fit(train.images, train.labels, { epochs, batchSize: 32, verbose: 1 });

const [testLoss, testAccuracy] = model.evaluate(test.images, test.labels);
console.log(`\ntest_loss: ${testLoss.toFixed(4)}      course: ${COURSE.testLoss}`);
console.log(`test_accuracy: ${testAccuracy.toFixed(4)}  course: ${COURSE.testAccuracy}`);
console.log(`time: ${((performance.now() - started) / 1000).toFixed(1)} s (data loading included)`);
model.dispose();
