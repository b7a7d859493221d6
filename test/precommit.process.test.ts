/**
 * Pre-commit, for real: a new git repository in the OS temp folder with the packed tarball installed, a
 * structgen.config.json, and the README's plain `pre-commit` hook. A commit that changes a structure without
 * regenerating is refused, naming the stale files; after `structgen generate` the same commit goes through. The hook
 * judges what the commit holds: a staged hand edit, a document staged without its outputs (`git commit <paths>`
 * too) or a deleted output is refused whatever the working tree holds; a consistent commit passes beside unstaged
 * edits and untracked documents.
 * The hooks in .pre-commit-hooks.yaml are run from the installed package as the pre-commit framework would.
 */
import { appendFileSync, chmodSync, copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { git as gitIn } from "./helpers/git.js";
import { editStructure, writeHookProject } from "./helpers/hooks.js";
import { packTarball, projectWith, readmeExample, removeProjects, run } from "./helpers/package.js";

let repo: string;

const git = (...args: string[]) => gitIn(repo, args);
const structgen = (...args: string[]) =>
  run(join(repo, "node_modules", ".bin", "structgen"), args, { cwd: repo });

afterAll(removeProjects);

beforeAll(async () => {
  const { tarball } = await packTarball();
  repo = await projectWith(tarball, "structgen-repo-");
  writeFileSync(join(repo, ".gitignore"), "node_modules/\n");
  writeHookProject(repo);
  expect((await git("init", "-q")).code).toBe(0);
  const hook = join(repo, ".git", "hooks", "pre-commit");
  writeFileSync(hook, readmeExample("git-hook"));
  chmodSync(hook, 0o755);
  const generated = await structgen("generate");
  expect(generated.code, generated.stderr).toBe(0);
}, 240_000);

describe("a plain git pre-commit hook running structgen from the installed tarball", () => {
  it("refuses a commit with stale outputs, naming them, and accepts it once regenerated", async () => {
    await git("add", "-A");
    const first = await git("commit", "-q", "-m", "structures and generated types");
    expect(first.code, first.stderr).toBe(0);

    editStructure(repo, "hook_test_field");
    await git("add", "schemas/run.json");
    const refused = await git("commit", "-q", "-m", "add hook_test_field");
    expect(refused.code, refused.stdout + refused.stderr).not.toBe(0);
    expect(refused.stderr.split("\n")).toContain("stale: src/generated/letta-run.types.ts");
    expect(refused.stderr.split("\n")).toContain("stale: src/generated/letta-run.guards.ts");
    expect(refused.stderr).toMatch(/files need regenerating/);
    expect((await git("rev-list", "--count", "HEAD")).stdout.trim()).toBe("1");

    const regenerated = await structgen("generate");
    expect(regenerated.code, regenerated.stderr).toBe(0);
    await git("add", "-A");
    const accepted = await git("commit", "-q", "-m", "add hook_test_field");
    expect(accepted.code, accepted.stderr).toBe(0);
    expect((await git("rev-list", "--count", "HEAD")).stdout.trim()).toBe("2");
    const changed = (await git("show", "--name-only", "--format=", "HEAD")).stdout.split("\n");
    expect(changed).toEqual(
      expect.arrayContaining(["schemas/run.json", "src/generated/letta-run.types.ts"]),
    );
    expect(readFileSync(join(repo, "src", "generated", "letta-run.types.ts"), "utf8")).toContain(
      "hook_test_field",
    );
  }, 240_000);
});

interface HookEntry {
  readonly id: string;
  readonly entry: string;
  readonly language: string;
  readonly pass_filenames: string;
  readonly always_run: string;
}

/** The hook list of .pre-commit-hooks.yaml: a flat YAML list of `key: value` maps (no YAML parser needed for it). */
function hooksYaml(): HookEntry[] {
  const text = readFileSync(join(REPO_ROOT, ".pre-commit-hooks.yaml"), "utf8");
  return text
    .split(/^- /m)
    .slice(1)
    .map(
      (item) =>
        Object.fromEntries(
          item.split("\n").flatMap((line) => {
            const match = /^\s*([a-z_]+):\s*(.*)$/.exec(line);
            return match?.[1] === undefined ? [] : [[match[1], match[2] ?? ""]];
          }),
        ) as unknown as HookEntry,
    );
}

describe("the plain hook judges what the commit holds (--staged), not the working tree", () => {
  /** Puts the repository back at its last commit, untracked files gone (node_modules, ignored, stays). */
  const clean = async () => {
    await git("reset", "-q", "--hard");
    await git("clean", "-q", "-fd");
  };
  const refusedWith = async (message: string, lines: readonly string[]) => {
    const before = (await git("rev-list", "--count", "HEAD")).stdout;
    const refused = await git("commit", "-q", "-m", message);
    expect(refused.code, refused.stdout + refused.stderr).not.toBe(0);
    expect(refused.stderr.split("\n")).toEqual(expect.arrayContaining([...lines]));
    expect((await git("rev-list", "--count", "HEAD")).stdout).toBe(before);
  };

  it("refuses a staged hand edit of a generated file, though the working tree was regenerated since", async () => {
    await clean();
    appendFileSync(join(repo, "src", "generated", "letta-run.types.ts"), "// edited by hand\n");
    await git("add", "src/generated/letta-run.types.ts");
    expect((await structgen("generate")).code).toBe(0);
    await refusedWith("edit a generated file", ["stale: src/generated/letta-run.types.ts"]);
  }, 240_000);

  it("refuses a staged document without its regenerated outputs, also as `git commit <paths>`", async () => {
    await clean();
    editStructure(repo, "staged_alone");
    expect((await structgen("generate")).code).toBe(0);
    await git("add", "schemas/run.json");
    await refusedWith("document alone", ["stale: src/generated/letta-run.types.ts"]);
    // A commit of named paths: git hands the hook an index of its own (GIT_INDEX_FILE).
    await git("reset", "-q");
    const paths = await git("commit", "-q", "-m", "document alone", "schemas/run.json");
    expect(paths.code, paths.stderr).not.toBe(0);
    expect(paths.stderr.split("\n")).toContain("stale: src/generated/letta-run.types.ts");
    const all = await git("commit", "-q", "-a", "-m", "document and outputs");
    expect(all.code, all.stderr).toBe(0);
  }, 240_000);

  it("refuses a commit that only deletes a generated file", async () => {
    await clean();
    await git("rm", "-q", "src/generated/letta-run.guards.ts");
    await refusedWith("delete a generated file", ["missing: src/generated/letta-run.guards.ts"]);
  }, 240_000);

  it("accepts a consistent commit while the working tree has an unstaged edit and an untracked document", async () => {
    await clean();
    writeFileSync(join(repo, "notes.md"), "release notes\n");
    await git("add", "notes.md");
    editStructure(repo, "not_staged");
    copyFileSync(SEED, join(repo, "schemas", "untracked.json"));
    const accepted = await git("commit", "-q", "-m", "notes");
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stdout + accepted.stderr).toContain(
      "structgen: 5 files up to date in src/generated (as staged)",
    );
    await clean();
  }, 240_000);
});

describe(".pre-commit-hooks.yaml", () => {
  it("has a regenerate hook and a check-only hook of what is staged, both `language: node` and always run, that work from the installed package", async () => {
    const hooks = hooksYaml();
    expect(hooks.map((h) => h.id)).toEqual(["structgen-generate", "structgen-check"]);
    for (const hook of hooks) {
      expect(hook.language).toBe("node");
      expect(hook.pass_filenames).toBe("false");
      expect(hook.always_run).toBe("true");
      expect(hook.entry.split(" ")[0]).toBe("structgen");
    }
    const [generate, check] = hooks;
    expect(check?.entry).toBe("structgen generate --check --staged");
    const entry = (hook: HookEntry | undefined) =>
      structgen(...(hook?.entry.split(" ").slice(1) ?? []));

    editStructure(repo, "framework_hook_field");
    await git("add", "schemas/run.json");
    const stale = await entry(check);
    expect(stale.code).toBe(1);
    expect(stale.stderr.split("\n")).toContain("stale: src/generated/letta-run.types.ts");
    const regenerated = await entry(generate);
    expect(regenerated.code, regenerated.stderr).toBe(0);
    expect(regenerated.stdout).toMatch(/files written/);
    expect((await entry(check)).code).toBe(1);
    await git("add", "src/generated");
    const clean = await entry(check);
    expect(clean.code, clean.stderr).toBe(0);
  }, 180_000);
});
