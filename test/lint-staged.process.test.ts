/**
 * The README's husky + lint-staged recipe, for real: a new git repository with the packed tarball, husky and
 * lint-staged installed from the npm registry (as a user would; npm's cache answers after the first time),
 * `npx husky init`, `npx lint-staged` in .husky/pre-commit, and the README's lint-staged.config.mjs. `git commit`
 * then judges what the commit holds: a document staged without its regenerated outputs, or a staged hand edit of a
 * generated file, is refused; a consistent commit passes beside an untracked document. A commit that only deletes
 * a generated file runs no lint-staged task, as the README says. Skipped, with a notice, when the registry cannot be
 * reached and npm's cache cannot install the tools.
 */
import { appendFileSync, copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { SEED } from "./helpers/cli.js";
import { git as gitIn } from "./helpers/git.js";
import { editStructure, writeHookProject } from "./helpers/hooks.js";
import {
  installFromRegistry,
  packTarball,
  projectWith,
  readmeExample,
  removeProjects,
  run,
} from "./helpers/package.js";

/** Exact versions, so that a run is repeatable; lint-staged 17 needs Node 22, and users run 20 too. */
const TOOLS = ["husky@9.1.7", "lint-staged@16.4.0"];

let repo: string | { skip: string };

function ready(ctx: TestContext): string {
  if (typeof repo !== "string") {
    return ctx.skip(repo.skip);
  }
  return repo;
}

const git = (dir: string, ...args: string[]) => gitIn(dir, args);
const structgen = (dir: string, ...args: string[]) =>
  run(join(dir, "node_modules", ".bin", "structgen"), args, { cwd: dir });

/** The project, committed with up-to-date outputs through the hook; or why the registry could not provide the tools. */
async function makeRepository(): Promise<string | { skip: string }> {
  const { tarball } = await packTarball();
  const dir = await projectWith(tarball, "structgen-lint-staged-");
  expect((await git(dir, "init", "-q")).code).toBe(0);
  const skipped = await installFromRegistry(dir, ["--save-dev", ...TOOLS], TOOLS.join(", "));
  if (skipped !== undefined) {
    return skipped;
  }
  const init = await run(join(dir, "node_modules", ".bin", "husky"), ["init"], { cwd: dir });
  expect(init.code, init.stdout + init.stderr).toBe(0);
  writeFileSync(join(dir, ".husky", "pre-commit"), "npx lint-staged\n");
  writeFileSync(join(dir, "lint-staged.config.mjs"), readmeExample("lint-staged-config"));
  writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
  writeHookProject(dir);
  const generated = await structgen(dir, "generate");
  expect(generated.code, generated.stderr).toBe(0);
  expect((await git(dir, "add", "-A")).code).toBe(0);
  const first = await git(dir, "commit", "-q", "-m", "documents and outputs");
  expect(first.code, first.stdout + first.stderr).toBe(0);
  expect(first.stdout + first.stderr).toMatch(/structgen generate --check --staged/);
  return dir;
}

afterAll(removeProjects);

beforeAll(async () => {
  repo = await makeRepository();
  if (typeof repo !== "string") {
    console.info(`lint-staged tests skipped: ${repo.skip}`);
  }
}, 400_000);

/** Commits; the exit code, git's and the hook's output, and whether a commit was made. */
async function commit(dir: string, message: string) {
  const before = (await git(dir, "rev-parse", "HEAD")).stdout;
  const result = await git(dir, "commit", "-q", "-m", message);
  const made = (await git(dir, "rev-parse", "HEAD")).stdout !== before;
  return { code: result.code, output: result.stdout + result.stderr, made };
}

/** Back to the last commit, untracked files gone (node_modules, ignored, stays). */
async function clean(dir: string): Promise<void> {
  expect((await git(dir, "reset", "-q", "--hard")).code).toBe(0);
  expect((await git(dir, "clean", "-q", "-fd")).code).toBe(0);
}

describe("husky + lint-staged with the README's lint-staged.config.mjs", () => {
  it("refuses a document staged without its regenerated outputs, though they are regenerated in the working tree", async (ctx) => {
    const dir = ready(ctx);
    editStructure(dir, "staged_alone");
    expect((await structgen(dir, "generate")).code).toBe(0);
    expect((await git(dir, "add", "schemas/run.json")).code).toBe(0);
    const refused = await commit(dir, "document alone");
    expect(refused.made, refused.output).toBe(false);
    expect(refused.output).toContain("stale: src/generated/letta-run.types.ts");
    expect((await git(dir, "add", "src/generated")).code).toBe(0);
    const accepted = await commit(dir, "document and outputs");
    expect(accepted.made, accepted.output).toBe(true);
  }, 300_000);

  it("refuses a staged hand edit of a generated file", async (ctx) => {
    const dir = ready(ctx);
    await clean(dir);
    appendFileSync(join(dir, "src", "generated", "letta-run.types.ts"), "// edited by hand\n");
    expect((await git(dir, "add", "src/generated/letta-run.types.ts")).code).toBe(0);
    expect((await structgen(dir, "generate")).code).toBe(0);
    const refused = await commit(dir, "edit a generated file");
    expect(refused.made, refused.output).toBe(false);
    expect(refused.output).toContain("stale: src/generated/letta-run.types.ts");
  }, 300_000);

  it("accepts a consistent commit beside an untracked document", async (ctx) => {
    const dir = ready(ctx);
    await clean(dir);
    writeFileSync(join(dir, "notes.md"), "release notes\n");
    expect((await git(dir, "add", "notes.md")).code).toBe(0);
    copyFileSync(SEED, join(dir, "schemas", "untracked.json"));
    const accepted = await commit(dir, "notes");
    expect(accepted.made, accepted.output).toBe(true);
    await clean(dir);
  }, 300_000);

  it("runs no task for a commit that only deletes a generated file, as the README warns", async (ctx) => {
    const dir = ready(ctx);
    await clean(dir);
    expect((await git(dir, "rm", "-q", "src/generated/letta-run.guards.ts")).code).toBe(0);
    const unchecked = await commit(dir, "delete a generated file");
    expect(unchecked.made, unchecked.output).toBe(true);
    expect(unchecked.output).not.toContain("structgen");
    const check = await structgen(dir, "generate", "--check", "--staged");
    expect(check.code).toBe(1);
    expect(check.stderr).toContain("missing: src/generated/letta-run.guards.ts");
  }, 300_000);
});
