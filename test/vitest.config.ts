import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * Two projects, told apart by the test file's name, so that a new file lands in one without a list to keep:
 * - `*.process.test.ts` spawns the built CLI or another real process (the bin, exit codes as a shell sees them,
 *   signals, a real TTY, packaging, runs side by side): it needs `npm run build` first;
 * - `*.slow.test.ts` is heavy by design (stress sizes, big inputs, memory measurements, the benchmark smoke run).
 * Every other file is "fast": unit tests, goldens, and the CLI run in process (test/helpers/cli.ts), from src/
 * without a build. `npm run test:fast` runs that project alone; `npm test` (CI) runs both.
 */
const FULL_ONLY = ["test/**/*.process.test.ts", "test/**/*.slow.test.ts"];

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Typechecking generated code and spawning the CLI are heavy; two cores, two workers.
    maxWorkers: 2,
    // A process per test file: the in-process CLI changes the process's working folder while it runs
    // (test/helpers/cli.ts), which worker threads cannot do.
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "fast",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...FULL_ONLY],
        },
      },
      { extends: true, test: { name: "full-only", include: FULL_ONLY } },
    ],
  },
});
