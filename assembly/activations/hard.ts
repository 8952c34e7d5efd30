// Two clipped lines:  f(z) = min(max(s·z + o, 0), top)
//   relu6        s = 1,   o = 0,   top = 6    (TF.js: minimum(6, relu(z)))
//   hardSigmoid  s = 0.2, o = 0.5, top = 1    (TF.js K.hardSigmoid: clip(0.5 + 0.2·z, 0, 1); Keras 3
//                                              uses relu6(z + 3)/6, slope 1/6: we follow TF.js)
// The f32 multiply, add and clamp are TF.js' own operations in its order, so the bits equal its.
// Backward from the saved output a: dz = s·dy where 0 < a < top, else 0. (At z exactly on a
// corner TF.js passes the gradient on one side; a cannot tell the corner from beyond it.)
// NaN stays NaN: f32x4.max/min propagate it.
import { map4, map4Backward } from "./lanes";

// @ts-ignore: decorator
@inline function inside(a: v128, top: f32): v128 {
  return v128.and(f32x4.gt(a, f32x4.splat(0)), f32x4.lt(a, f32x4.splat(top)));
}

function relu64(x: v128): v128 { return f32x4.min(f32x4.max(x, f32x4.splat(0)), f32x4.splat(6)); }
function relu6Backward4(a: v128, dy: v128): v128 { return v128.and(dy, inside(a, 6)); }
function hardSigmoid4(x: v128): v128 {
  const y = f32x4.add(f32x4.mul(x, f32x4.splat(0.2)), f32x4.splat(0.5));
  return f32x4.min(f32x4.max(y, f32x4.splat(0)), f32x4.splat(1));
}
function hardSigmoidBackward4(a: v128, dy: v128): v128 { return v128.and(f32x4.mul(dy, f32x4.splat(0.2)), inside(a, 1)); }

/** out[i] = min(max(x[i], 0), 6); `out` may be `x`. */
export function relu6(x: usize, out: usize, n: i32): void { map4(x, out, n, relu64); }
/** dz[i] = dy[i] where 0 < a[i] < 6, else 0. */
export function relu6Backward(a: usize, dy: usize, dz: usize, n: i32): void { map4Backward(a, dy, dz, n, relu6Backward4); }
/** out[i] = min(max(0.2·x[i] + 0.5, 0), 1); `out` may be `x`. */
export function hardSigmoid(x: usize, out: usize, n: i32): void { map4(x, out, n, hardSigmoid4); }
/** dz[i] = 0.2·dy[i] where 0 < a[i] < 1, else 0. */
export function hardSigmoidBackward(a: usize, dy: usize, dz: usize, n: i32): void { map4Backward(a, dy, dz, n, hardSigmoidBackward4); }
