// The two transcendental steps of Keras's learning-rate schedules (keras/src/optimizers/schedules/
// learning_rate_schedule.py), so no Math.pow/cos runs in JS: each is the f64 function rounded
// to f32 (within 1 ulp of Keras's float32 ops), and gives the same bits in every engine.

/** decay_rate ** p for ExponentialDecay. */
export function schedulePow(base: f32, p: f32): f32 {
  return <f32>Math.pow(<f64>base, <f64>p);
}

/** cos(x) for CosineDecay. */
export function scheduleCos(x: f32): f32 {
  return <f32>Math.cos(<f64>x);
}
