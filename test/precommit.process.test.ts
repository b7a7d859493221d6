/**
 * Pre-commit, for real: a new git repository in the OS temp folder with the packed tarball installed, a
 * structgen.config.json, and the README's plain `pre-commit` hook. A commit that changes a structure without
 * regenerating is refused, naming the stale files; after `structgen generate` the same commit goes through.
 * The hooks in .pre-commit-hooks.yaml are run from the installed package as the pre-commit framework would.
 */
import { chmodSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED } from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { git as gitIn } from "./helpers/git.js";
import { packTarball, projectWith, readmeExample, removeProjects, run } from "./helpers/package.js";

let repo: string;

const git = (...args: string[]) => gitIn(repo, args);
const structgen = (...args: string[]) =>
  run(join(repo, "node_modules", ".bin", "structgen"), args, { cwd: repo });

/** Adds a string field to the structure, as a developer editing the schema would. */
function editStructure(field: string): void {
  const path = join(repo, "schemas", "run.json");
  const document = JSON.parse(readFileSync(path, "utf8")) as { fields: unknown[] };
  document.fields.push({
    name: field,
    type: "string",
    description: `Added by the pre-commit test (${field}).`,
  });
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}

afterAll(removeProjects);

beforeAll(async () => {
  const { tarball } = await packTarball();
  repo = await projectWith(tarball, "structgen-repo-");
  writeFileSync(join(repo, ".gitignore"), "node_modules/\n");
  writeFileSync(
    join(repo, "structgen.config.json"),
    `${JSON.stringify({ inputs: ["schemas"], out: "src/generated" }, null, 2)}\n`,
  );
  mkdirSync(join(repo, "schemas"));
  copyFileSync(SEED, join(repo, "schemas", "run.json"));
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

    editStructure("hook_test_field");
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

describe(".pre-commit-hooks.yaml", () => {
  it("has a regenerate hook and a check-only hook, both `language: node`, that work from the installed package", async () => {
    const hooks = hooksYaml();
    expect(hooks.map((h) => h.id)).toEqual(["structgen-generate", "structgen-check"]);
    for (const hook of hooks) {
      expect(hook.language).toBe("node");
      expect(hook.pass_filenames).toBe("false");
      expect(hook.entry.split(" ")[0]).toBe("structgen");
    }
    const [generate, check] = hooks;
    const entry = (hook: HookEntry | undefined) =>
      structgen(...(hook?.entry.split(" ").slice(1) ?? []));

    editStructure("framework_hook_field");
    const stale = await entry(check);
    expect(stale.code).toBe(1);
    expect(stale.stderr.split("\n")).toContain("stale: src/generated/letta-run.types.ts");
    const regenerated = await entry(generate);
    expect(regenerated.code, regenerated.stderr).toBe(0);
    expect(regenerated.stdout).toMatch(/files written/);
    const clean = await entry(check);
    expect(clean.code, clean.stderr).toBe(0);
  }, 180_000);
});
