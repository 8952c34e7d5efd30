// The two transcendental steps of Keras's learning-rate schedules (keras/src/optimizers/schedules/
// learning_rate_schedule.py), so no Math.pow/cos runs in JS: each is an f64 function rounded to
// f32 (within 1 ulp of Keras's float32 ops), and gives the same bits in every engine.

/** decay_rate ** p for ExponentialDecay. */
export function schedulePow(base: f32, p: f32): f32 {
  return <f32>Math.pow(<f64>base, <f64>p);
}

/**
 * cos(x) for CosineDecay, whose argument is π·fraction with fraction in [0, 1], rounded to f32. A
 * Taylor series in f64 on [0, π/2] (terms to x²⁰/20!, error < 1e-16), cos(π − x) = −cos(x) above:
 * a few dozen bytes where Math.cos's range reduction cost 1 KB of the 30 KB core budget.
 */
export function scheduleCos(x: f32): f32 {
  let y = Math.min(Math.max(<f64>x, 0), Math.PI), sign: f64 = 1;
  if (y > Math.PI / 2) {
    y = Math.PI - y;
    sign = -1;
  }
  const y2 = y * y;
  let c: f64 = 1;
  for (let k = 20; k > 0; k -= 2) c = 1 - (y2 / <f64>(k * (k - 1))) * c;
  return <f32>(sign * c);
}
