// The examples' command-line flags, read with node:util's parseArgs (an unknown or misspelt flag is
// refused) and each value checked before anything loads: a bad one prints what is wrong and the
// example's Run: line, and exits with code 1, instead of training "NaN epochs" into a stack trace.
import { parseArgs } from "node:util";

export interface ExampleArgs {
  /** The integer value of --name (its default when not given), refused below `min`. */
  int(name: string, min: number): number;
  /** Integers separated by commas (--seeds=42,1,2), each refused below `min`. */
  ints(name: string, min: number): number[];
  /** The value of --name, one of `choices`. */
  choice<C extends string>(name: string, choices: readonly C[]): C;
  /** Whether the boolean flag --name was given. */
  has(name: string): boolean;
}

/**
 * Parse process.argv for the example run as `usage` (its Run: line, without "npx tsx"): `values`
 * are the flags that take a value, with their defaults as strings; `switches` the boolean flags.
 */
export function exampleArgs(usage: string, values: Record<string, string>, switches: string[] = []): ExampleArgs {
  const fail = (why: string): never => {
    console.error(`${why}\nRun: npx tsx ${usage}`);
    process.exit(1);
  };
  const options = Object.fromEntries([
    ...Object.entries(values).map(([name, value]) => [name, { type: "string" as const, default: value }]),
    ...switches.map((name) => [name, { type: "boolean" as const, default: false }]),
  ]);
  let given: Record<string, string | boolean | undefined> = {};
  try {
    given = parseArgs({ args: process.argv.slice(2), options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    fail((e as Error).message);
  }
  const integer = (name: string, text: string, min: number): number => {
    const n = text.trim() === "" ? NaN : Number(text);
    return Number.isInteger(n) && n >= min ? n : fail(`--${name} must be an integer ≥ ${min}, got '${text}'`);
  };
  return {
    int: (name, min) => integer(name, String(given[name]), min),
    ints: (name, min) => String(given[name]).split(",").map((text) => integer(name, text, min)),
    choice: (name, choices) => {
      const v = String(given[name]);
      return (choices as readonly string[]).includes(v) ? (v as (typeof choices)[number]) : fail(`--${name} must be ${choices.join(" or ")}, got '${v}'`);
    },
    has: (name) => given[name] === true,
  };
}
