import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * Test files are sorted by name, so that a new file lands in the right place without a list to keep:
 * - `*.process.test.ts` spawns the built CLI or another real process (the bin, exit codes as a shell sees them,
 *   signals, a real TTY, packaging, runs side by side): it needs `npm run build` first;
 * - `*.slow.test.ts` is heavy by design (stress sizes, big inputs, fuzzing, the benchmark smoke run);
 * - every other file is fast: unit tests, goldens, and the CLI run in process (test/helpers/cli.ts), from src/
 *   without a build. `npm run test:fast` runs those alone; `npm test` (CI) runs everything.
 */
const FULL_ONLY = ["test/**/*.process.test.ts", "test/**/*.slow.test.ts"];

/**
 * `npm run test:fast`, the edit loop, runs the fast files in shared processes (`isolate: false`): each worker then
 * loads TypeScript, ts-morph and prettier once rather than once per file, which was most of the loop's time. Files
 * that mock a module (vi.mock) keep a process each, since a mock cannot reach a module another file has already
 * loaded there. `npm test` isolates every file, as before.
 */
const EDIT_LOOP = process.env["npm_lifecycle_event"] === "test:fast";

/** The test files that mock modules, found by what they call rather than listed. */
const MOCKING = readdirSync(join(ROOT, "test"), { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".test.ts"))
  .filter((file) => /\bvi\.(?:mock|doMock)\(/.test(readFileSync(join(ROOT, "test", file), "utf8")))
  .map((file) => `test/${file.split("\\").join("/")}`);

export default defineConfig({
  root: ROOT,
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Typechecking generated code and spawning the CLI are heavy; two cores, two workers.
    maxWorkers: 2,
    // Processes, not threads: the in-process CLI changes the process's working folder while it runs
    // (test/helpers/cli.ts), which worker threads cannot do.
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "fast",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...FULL_ONLY, ...MOCKING],
          isolate: !EDIT_LOOP,
        },
      },
      { extends: true, test: { name: "fast-mocking", include: MOCKING, exclude: FULL_ONLY } },
      { extends: true, test: { name: "full-only", include: FULL_ONLY } },
    ],
  },
});
