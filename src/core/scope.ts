// One owner for the temporaries of a call: everything a body allocates or tracks is freed when
// the body returns or throws (or its promise settles), newest first, except what it keeps to
// hand out. It replaces the hand-kept `owned`/`made` lists and their finally blocks. A scope
// is one object and one array per call, so it goes around loops, never inside a step.
import type { Engine } from "./engine.js";
import type { Use } from "./heap.js";
import { ModelError } from "./errors.js";

/** Something that frees its own memory: a Tensor, Indices, Rng, a workspace. */
export interface Disposable {
  dispose(): void;
}

/** A raw WASM pointer (given back with heap.release) or an object with dispose(). */
type Owned = number | Disposable;

export class Scope {
  private readonly owned: Owned[] = [];
  private open = true;

  constructor(readonly engine: Engine) {}

  /** `bytes` of WASM memory (as Heap.alloc), freed with the scope. */
  alloc(bytes: number, use?: Use): number {
    this.assertOpen("alloc");
    return this.track(this.engine.heap.alloc(bytes, use));
  }

  /** Free `x` (a pointer from this engine's heap, or a Disposable) when the scope ends; returns it. */
  track<T extends Owned>(x: T): T {
    this.assertOpen("track");
    this.owned.push(x);
    return x;
  }

  /** Take `x` out of the scope: it outlives it and its new owner frees it. Returns it. */
  keep<T extends Owned>(x: T): T {
    const i = this.owned.lastIndexOf(x);
    if (i < 0) throw new ModelError("Scope.keep: this value is not tracked by the scope (kept twice, or never tracked)");
    this.owned.splice(i, 1);
    return x;
  }

  /**
   * Free everything still tracked, newest first. Every item is freed even if one throws; the
   * first error is rethrown after. Ending an ended scope does nothing.
   */
  dispose(): void {
    if (!this.open) return;
    this.open = false;
    let failure: unknown, failed = false;
    for (let i = this.owned.length - 1; i >= 0; i--) {
      const x = this.owned[i];
      try {
        if (typeof x === "number") this.engine.heap.release(x);
        else x.dispose();
      } catch (e) {
        if (!failed) [failure, failed] = [e, true];
      }
    }
    this.owned.length = 0;
    if (failed) throw failure;
  }

  private assertOpen(op: string): void {
    if (!this.open) throw new ModelError(`Scope.${op}: the scope has ended (its body returned); allocate inside the body`);
  }
}

/**
 * Run `body` with a new Scope and end it when the body returns or throws; for an async body, when
 * its promise settles. The body's own error wins over one from freeing. Scopes nest: an inner one
 * ends first, and what it keeps the outer one can track.
 */
export function withScope<T>(engine: Engine, body: (scope: Scope) => Promise<T>): Promise<T>;
export function withScope<T>(engine: Engine, body: (scope: Scope) => T): T;
export function withScope<T>(engine: Engine, body: (scope: Scope) => T): T {
  const scope = new Scope(engine);
  let result: T;
  try {
    result = body(scope);
  } catch (e) {
    endQuietly(scope);
    throw e;
  }
  if (result instanceof Promise) {
    return result.then(
      (value) => (scope.dispose(), value),
      (e) => (endQuietly(scope), Promise.reject(e)),
    ) as T;
  }
  scope.dispose();
  return result;
}

/** End `scope` while another error is on its way out: that error is the one to report. */
function endQuietly(scope: Scope): void {
  try {
    scope.dispose();
  } catch {
    // freeing failed too; the body's error says what went wrong first
  }
}
