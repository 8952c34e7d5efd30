// src/core/kernels.ts ↔ the exports of build/scratchnet.wasm and build/scratchnet.threads.wasm.
// The engines cast the module's exports to Kernels (`as unknown as Kernels`), so nothing else
// checks the hand-written interface against assembly/index.ts: a renamed kernel, a parameter
// added or dropped, or a result added or removed would otherwise surface only as wrong numbers.
import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import binaryen from "binaryen";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** name → "params→results" (or "memory", or "global": an immutable i32 such as sigmoidKind), the same notation on both sides. */
type Abi = Record<string, string>;

/** Each member of `interface Kernels` as the type checker sees it (aliases such as Unary resolved). */
function interfaceAbi(): Abi {
  const file = `${root}src/core/kernels.ts`;
  const program = ts.createProgram([file], { lib: ["lib.es2023.d.ts", "lib.dom.d.ts"], types: [], noEmit: true });
  const checker = program.getTypeChecker();
  const decl = program.getSourceFile(file)!.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "Kernels")!;
  const abi: Abi = {};
  for (const member of checker.getPropertiesOfType(checker.getTypeAtLocation(decl))) {
    const type = checker.getTypeOfSymbolAtLocation(member, decl);
    const signatures = type.getCallSignatures();
    if (signatures.length === 0) {
      const name = type.symbol ? checker.getFullyQualifiedName(type.symbol) : checker.typeToString(type);
      abi[member.name] = name === "WebAssembly.Memory" ? "memory" : name === "WebAssembly.Global" ? "global" : name;
      continue;
    }
    // Only numbers cross (STYLE.md 2.4 rule 3): a parameter or result of another type is named, so it fails.
    const [sig] = signatures, result = checker.typeToString(sig.getReturnType());
    const params = sig.getParameters().map((p) => checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl)));
    abi[member.name] = `${params.length}${params.every((p) => p === "number") ? "" : ` (${params.join(", ")})`}→${result === "void" ? 0 : result === "number" ? 1 : result}`;
  }
  return abi;
}

/** Each export of a built module, read by binaryen (the build's own tool, scripts/build-wasm.mjs). */
function moduleAbi(path: string): Abi {
  const module = binaryen.readBinaryWithFeatures(readFileSync(`${root}${path}`), binaryen.Features.All);
  const numbers = new Set([binaryen.i32, binaryen.f32, binaryen.f64]); // i64 would cross as a BigInt, v128 not at all
  const abi: Abi = {};
  try {
    for (let i = 0; i < module.getNumExports(); i++) {
      const { kind, name, value } = binaryen.getExportInfo(module.getExportByIndex(i));
      if (kind === binaryen.ExternalMemory) abi[name] = "memory";
      else if (kind === binaryen.ExternalGlobal) {
        const info = binaryen.getGlobalInfo(module.getGlobal(value));
        abi[name] = info.type === binaryen.i32 && !info.mutable ? "global" : `global of type ${info.type}${info.mutable ? ", mutable" : ""}`;
      } else if (kind !== binaryen.ExternalFunction) abi[name] = `external kind ${kind}`;
      else {
        const info = binaryen.getFunctionInfo(module.getFunction(value));
        const params = binaryen.expandType(info.params), results = binaryen.expandType(info.results);
        const odd = [...params, ...results].some((t) => !numbers.has(t));
        abi[name] = `${params.length}${odd ? " (not only i32/f32/f64)" : ""}→${results.length}`;
      }
    }
  } finally {
    module.dispose();
  }
  return abi;
}

describe("the kernel ABI", () => {
  const declared = interfaceAbi();

  it("src/core/kernels.ts declares the kernels (a sanity check of the reading)", () => {
    expect(declared.memory).toBe("memory");
    expect(declared.gemm).toBe("7→0"); // through the Product alias
    expect(declared.mse).toBe("3→1");
    expect([declared.sigmoid, declared.softmaxBackward, declared.reluKind]).toEqual(["3→0", "5→0", "global"]); // from the activation table
    expect(Object.keys(declared).length).toBeGreaterThan(60);
  });

  it.each(["build/scratchnet.wasm", "build/scratchnet.threads.wasm"])("%s exports exactly Kernels: the same names, parameter and result counts", (path) => {
    // An export kept out of Kernels on purpose would be listed here with its reason; there is none.
    expect(moduleAbi(path)).toEqual(declared);
  });
});

// build/scratchnet-core.wasm (assembly/core.ts) exports only what scratchnet/core's JS calls. Its
// exports must be Kernels members with the same counts, and every kernel core's bundle can reach
// must be among them: a kernel named in the bundle (`.name` or "name"), and each activation of its
// table (`kernel:"x"`: x, xBackward, and xKind where the full module fuses it).
describe("the core kernel set", () => {
  // Named in core's bundle but not kernel calls core can make, each with why it is left out:
  const notInCore: Record<string, string> = {
    log: "console.log, not the kernel (core never calls k.log)",
    adamBetaPower: "Adam.resume() after step 0: only loading a saved optimizer state (io/, full build) gets there",
    orthonormalize: "Rng.orthogonal: only the 'orthogonal' initializer (scratchnet/extras, on scratchnet.wasm) calls it",
  };

  it("build/scratchnet-core.wasm exports a subset of Kernels, each with the same parameter and result counts", () => {
    const declared = interfaceAbi(), core = moduleAbi("build/scratchnet-core.wasm");
    for (const [name, abi] of Object.entries(core)) expect(declared[name], name).toBe(abi);
    expect(Object.keys(core).length).toBeLessThan(Object.keys(declared).length);
  });

  it("every kernel scratchnet/core's bundle can call is exported by build/scratchnet-core.wasm", async () => {
    const { default: esbuild } = await import("esbuild");
    const built = await esbuild.build({ entryPoints: [`${root}src/core-entry.ts`], bundle: true, minify: true, format: "esm",
      platform: "browser", target: "es2022", write: false, external: ["node:*"], logLevel: "error" });
    const text = built.outputFiles[0].text, full = moduleAbi("build/scratchnet.wasm"), core = moduleAbi("build/scratchnet-core.wasm");
    const named = Object.keys(full).filter((n) => new RegExp(`\\.${n}\\b|"${n}"`).test(text));
    const activations = [...text.matchAll(/kernel:"(\w+)"/g)].flatMap(([, k]) => [k, `${k}Backward`, `${k}Kind`].filter((n) => n in full));
    expect(activations).toContain("sigmoidKind"); // the reading found the table
    const missing = [...new Set([...named, ...activations])].filter((n) => !(n in core) && !(n in notInCore));
    expect(missing).toEqual([]);
    // The exceptions are still named in the bundle (else drop them here) and still left out of the module.
    for (const n of Object.keys(notInCore)) expect([named.includes(n), n in core], n).toEqual([true, false]);
  });
});
