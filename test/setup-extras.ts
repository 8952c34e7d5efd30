// Every test runs the full build (as `scratchnet` is): the extras' names registered into the
// tables before any test file's imports load (vitest.config.ts's setupFiles). scratchnet/core
// alone, without them, is tested as its bundle in test/browser-build.test.ts.
import "../src/extras/register.js"; // the names only: importing the classes here would load modules before a test file can vi.mock them
