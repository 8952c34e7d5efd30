// src/core/scope.ts: what a scope tracks is freed when its body returns, throws or settles,
// newest first; what it keeps is not; scopes nest; an ended scope refuses new work.
import { describe, it, expect } from "vitest";
import { engine, Tensor, ModelError } from "../../src/index.js";
import { Scope, withScope } from "../../src/core/scope.js";

/** A Disposable that writes its name into `log` when freed. */
class InnerError extends Error {}

const logged = (log: string[], name: string) => ({ dispose: () => void log.push(name) });

describe("withScope", () => {
  it("frees everything on return, newest first, and returns the body's value", () => {
    const heap = engine().heap, live = heap.liveBytes, log: string[] = [];
    const value = withScope(engine(), (s) => {
      s.track(logged(log, "a"));
      const p = s.alloc(64);
      s.track(Tensor.zeros(2, 3));
      s.track(logged(log, "b"));
      expect(heap.liveBytes).toBeGreaterThan(live);
      return p > 0 ? 42 : 0;
    });
    expect(value).toBe(42);
    expect(log).toEqual(["b", "a"]);
    expect(heap.liveBytes).toBe(live);
  });

  it("frees everything when the body throws, and the body's error is the one thrown", () => {
    const heap = engine().heap, live = heap.liveBytes, log: string[] = [];
    expect(() => withScope(engine(), (s) => {
      s.alloc(256);
      s.track(logged(log, "first"));
      s.track({ dispose: () => { throw new Error("freeing failed"); } });
      s.track(logged(log, "last"));
      throw new RangeError("body failed");
    })).toThrow(RangeError);
    expect(log).toEqual(["last", "first"]); // a failing dispose does not stop the others
    expect(heap.liveBytes).toBe(live);
  });

  it("rethrows a freeing error after freeing the rest when the body succeeded", () => {
    const log: string[] = [];
    expect(() => withScope(engine(), (s) => {
      s.track(logged(log, "a"));
      s.track({ dispose: () => { throw new Error("freeing failed"); } });
    })).toThrow("freeing failed");
    expect(log).toEqual(["a"]);
  });

  it("keeps what is kept: the caller owns it after", () => {
    const heap = engine().heap, live = heap.liveBytes;
    const t = withScope(engine(), (s) => {
      const scratch = s.track(Tensor.zeros(4, 4));
      const out = s.track(Tensor.from([1, 2, 3, 4], 2, 2));
      scratch.data.fill(7);
      return s.keep(out);
    });
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4]);
    expect(t.isDisposed).toBe(false);
    t.dispose();
    expect(heap.liveBytes).toBe(live);
  });

  it("keeps a raw pointer too, and refuses to keep what it does not track", () => {
    const heap = engine().heap, live = heap.liveBytes;
    const p = withScope(engine(), (s) => s.keep(s.alloc(32)));
    expect(heap.liveBytes).toBe(live + 32);
    heap.release(p);
    const stray = Tensor.zeros(1, 1);
    expect(() => withScope(engine(), (s) => s.keep(stray))).toThrow(/not tracked/);
    expect(stray.isDisposed).toBe(false); // a refused keep frees nothing it does not own
    stray.dispose();
    expect(heap.liveBytes).toBe(live);
  });

  it("nests: the inner scope ends first, what it keeps the outer one tracks, and an inner error frees both", () => {
    const heap = engine().heap, live = heap.liveBytes, log: string[] = [];
    withScope(engine(), (outer) => {
      outer.track(logged(log, "outer"));
      const kept = outer.track(withScope(engine(), (inner) => {
        inner.track(logged(log, "inner"));
        return inner.keep(inner.track(logged(log, "kept")));
      }));
      expect(log).toEqual(["inner"]);
      expect(kept).toBeDefined();
    });
    expect(log).toEqual(["inner", "kept", "outer"]);
    expect(() => withScope(engine(), (outer) => {
      outer.alloc(128);
      withScope(engine(), (inner) => {
        inner.alloc(64);
        throw new InnerError();
      });
    })).toThrow(InnerError);
    expect(heap.liveBytes).toBe(live);
  });

  it("waits for an async body: frees after it resolves or rejects, not before", async () => {
    const heap = engine().heap, live = heap.liveBytes;
    const pending = withScope(engine(), async (s) => {
      const t = s.track(Tensor.from([5, 6], 1, 2));
      await new Promise((r) => setTimeout(r, 1));
      expect(t.isDisposed).toBe(false); // still alive across the await
      return Array.from(t.data);
    });
    expect(heap.liveBytes).toBeGreaterThan(live);
    await expect(pending).resolves.toEqual([5, 6]);
    expect(heap.liveBytes).toBe(live);
    await expect(withScope(engine(), async (s) => {
      s.alloc(512);
      await Promise.resolve();
      throw new RangeError("async body failed");
    })).rejects.toThrow(RangeError);
    expect(heap.liveBytes).toBe(live);
  });

  it("an ended scope refuses alloc and track, and ending it twice does nothing", () => {
    const s = new Scope(engine());
    s.track(Tensor.zeros(1, 1));
    s.dispose();
    s.dispose();
    expect(() => s.alloc(16)).toThrow(ModelError);
    expect(() => s.track(3)).toThrow(/the scope has ended/);
  });
});
