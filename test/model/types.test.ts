// compile()'s loss and metric names are typed: a typo fails to compile in TypeScript (they are
// still checked at run time, see errors.test.ts, for JavaScript callers and casts).
import { describe, it, expect } from "vitest";
import ts from "typescript";
import { fileURLToPath } from "node:url";

describe("CompileArgs types", () => {
  it("accept the known losses and metrics and reject typos", () => {
    const fixture = fileURLToPath(new URL("./compile-types.fixture.ts", import.meta.url));
    const program = ts.createProgram([fixture], {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true, noEmit: true, skipLibCheck: true, types: ["node"], lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
    });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(diagnostics).toEqual([]); // an unused @ts-expect-error (a typo that compiles) is a diagnostic
  });
});
