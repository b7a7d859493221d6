/**
 * Every shell example of the README runs as written from the root of a fresh clone (test/helpers/fresh-clone.ts),
 * after the README's set-up command (`npm ci && ...`, run for real: it installs from the npm cache and builds).
 * How each block is treated, and what it states it prints, is read by test/helpers/readme.ts: an unmarked block
 * must exit 0, a block marked `example:fails` must exit non-zero, a block with a `^C` line is interrupted there as
 * Ctrl-C would (SIGINT to its process group), and every line it states it prints must be printed. Each example
 * starts from the clone as the set-up command left it, so none depends on another.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { type FreshClone, freshClone, SHARED } from "./helpers/fresh-clone.js";
import { git } from "./helpers/git.js";
import { eventually } from "./helpers/package.js";
import { printsLine, type ShellExample, shellExamples } from "./helpers/readme.js";

const examples = shellExamples(readFileSync(join(REPO_ROOT, "README.md"), "utf8"));
const setup = examples.find((example) => example.mode === "setup");

/** Only guards against a hang: a `npx structgen` run takes a few seconds, `npm ci` under a minute. */
const EXAMPLE_TIMEOUT_MS = 300_000;

interface ShellRun {
  /** The exit code, or the signal that ended the shell. */
  readonly end: number | NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a block as a script (`sh -e`, so that any failing command ends it) in the clone's root. */
async function runExample(clone: FreshClone, example: ShellExample): Promise<ShellRun> {
  const shell = example.language === "bash" ? "bash" : "sh";
  const child = spawn(shell, ["-e", "-c", example.script], {
    cwd: clone.dir,
    env: clone.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  let ended = false;
  const exited = new Promise<ShellRun["end"]>((resolve) =>
    child.on("close", (code, signal) => {
      ended = true;
      resolve(code ?? signal);
    }),
  );
  if (child.pid === undefined) {
    throw new Error(`could not start ${shell}`);
  }
  const group = child.pid;
  const guard = setTimeout(() => signalGroup(group, "SIGKILL"), EXAMPLE_TIMEOUT_MS);
  try {
    if (example.printedAfterInterrupt !== undefined) {
      const printed = (line: string) => printsLine(stdout, line) || printsLine(stderr, line);
      await eventually(
        () => ended || example.printed.every(printed),
        () => `README.md line ${example.line} to print ${example.printed.join(" / ")}:\n${stderr}`,
      );
      if (!ended) {
        signalGroup(group, "SIGINT");
      }
    }
    return { end: await exited, stdout, stderr };
  } finally {
    clearTimeout(guard);
    if (!ended) {
      signalGroup(group, "SIGKILL");
    }
  }
}

/** Signals every process of the group the shell leads (as a terminal does), if any is left. */
function signalGroup(leader: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-leader, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") {
      throw error;
    }
  }
}

function expectOutcome(clone: FreshClone, example: ShellExample, result: ShellRun): void {
  const context = `README.md line ${example.line}:\n${example.script}\n--- exit: ${String(result.end)}\n--- stdout:\n${result.stdout}\n--- stderr:\n${result.stderr}`;
  if (example.printedAfterInterrupt !== undefined) {
    // structgen stops cleanly (exit 0, "stopped watching"); npx, which got the Ctrl-C too, then ends as
    // interrupted (130, or by the signal itself), as it would in a terminal.
    expect([0, 130, "SIGINT"], context).toContain(result.end);
  } else if (example.mode === "fails") {
    expect(typeof result.end === "number" && result.end > 0, context).toBe(true);
  } else {
    expect(result.end, context).toBe(0);
  }
  const stated = [...example.printed, ...(example.printedAfterInterrupt ?? [])];
  const missing = stated.filter(
    (line) => !printsLine(result.stdout, line) && !printsLine(result.stderr, line),
  );
  expect(missing, context).toEqual([]);
  const absent = example.namedOutputs.filter((path) => !existsSync(join(clone.dir, path)));
  expect(absent, context).toEqual([]);
}

function title(example: ShellExample): string {
  const command = example.script.split("\n").find((line) => !line.startsWith("#!")) ?? "";
  return `line ${example.line}: ${command.replace(/\s+#.*$/, "")}`;
}

let clone: FreshClone | undefined;
let setupRun: ShellRun | undefined;

beforeAll(async () => {
  if (setup === undefined) {
    throw new Error("README.md has no shell example marked <!-- example:setup ... -->");
  }
  clone = await freshClone();
  setupRun = await runExample(clone, setup);
  if (setupRun.end !== 0) {
    throw new Error(
      `the README's set-up command failed (exit ${String(setupRun.end)}):\n${setupRun.stderr}`,
    );
  }
  clone.snapshot();
}, EXAMPLE_TIMEOUT_MS * 2);

afterAll(() => clone?.remove());

function theClone(): FreshClone {
  if (clone === undefined) {
    throw new Error("no fresh clone: the set-up failed");
  }
  return clone;
}

describe("the README's shell examples, from a fresh clone", () => {
  if (setup !== undefined) {
    it(`${title(setup)} (the set-up)`, () => {
      expect(setupRun).toBeDefined();
      expectOutcome(theClone(), setup, setupRun ?? { end: null, stdout: "", stderr: "" });
    });
  }

  for (const example of examples.filter((e) => e !== setup)) {
    if (example.mode === "skip") {
      it.skip(`${title(example)} (not run: ${example.reason})`);
      continue;
    }
    const needsShared = example.script.includes("../shared") && !existsSync(SHARED);
    it.skipIf(needsShared)(
      `${title(example)}${needsShared ? " (skipped: no ../shared beside the checkout)" : ""}`,
      async () => {
        const where = theClone();
        where.reset();
        expectOutcome(where, example, await runExample(where, example));
      },
      EXAMPLE_TIMEOUT_MS,
    );
  }

  it("write only to folders that git ignores, tsc does not compile and npm does not pack", async () => {
    const folders = [
      ...new Set(examples.flatMap((e) => (e.mode === "skip" ? [] : e.outputFolders))),
    ];
    expect(folders.length).toBeGreaterThan(0);
    const read = (file: string) =>
      JSON.parse(readFileSync(join(REPO_ROOT, file), "utf8")) as unknown;
    const { include } = read("tsconfig.json") as { include: string[] };
    const { files } = read("package.json") as { files: string[] };
    const top = (path: string) => path.split("/")[0];
    for (const folder of folders) {
      const ignored = await git(REPO_ROOT, [
        "check-ignore",
        "-q",
        "--no-index",
        `${folder}/index.ts`,
      ]);
      expect(ignored.code, `git does not ignore ${folder}/`).toBe(0);
      expect(include.map(top), `tsconfig.json compiles ${folder}/`).not.toContain(top(folder));
      expect(files.map(top), `package.json "files" packs ${folder}/`).not.toContain(top(folder));
    }
  });
});
