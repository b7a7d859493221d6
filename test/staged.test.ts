/**
 * `structgen generate --check --staged`, in process, in a temp git repository: it judges what git's index holds
 * (documents, config, outputs), not the working tree, so each case below pairs a working tree and an index that
 * disagree and expects the index's answer, where plain `--check` gives the working tree's. The hook recipes that
 * run it under `git commit` are precommit.process.test.ts's and lint-staged.process.test.ts's.
 */
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import { removeTempDirs, runCli, SEED, SEED_OUTPUTS, tempCwd } from "./helpers/cli.js";
import { git as gitIn } from "./helpers/git.js";

afterAll(removeTempDirs);

const CHECK = ["generate", "--check", "--staged"] as const;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A committed repository: package.json, structgen.config.json (schemas -> gen), the seed, its outputs. */
async function repository(): Promise<{ dir: string; git: (...args: string[]) => Promise<void> }> {
  const dir = tempCwd("structgen-staged-");
  const git = async (...args: string[]) => {
    const result = await gitIn(dir, args);
    expect(result.code, `git ${args.join(" ")}: ${result.stderr}`).toBe(0);
  };
  writeFileSync(join(dir, "package.json"), json({ name: "p", private: true }));
  writeFileSync(join(dir, "structgen.config.json"), json({ inputs: ["schemas"], out: "gen" }));
  mkdirSync(join(dir, "schemas"));
  cpSync(SEED, join(dir, "schemas", "run.json"));
  const generated = await runCli(["generate"], { cwd: dir });
  expect(generated.code, generated.stderr).toBe(0);
  await git("init", "-q");
  await git("add", "-A");
  await git("commit", "-q", "-m", "documents and outputs");
  return { dir, git };
}

/** Adds a field to the seed document, as a developer editing it would. */
function editDocument(dir: string, field: string): void {
  const path = join(dir, "schemas", "run.json");
  const document = JSON.parse(readFileSync(path, "utf8")) as { fields: unknown[] };
  document.fields.push({ name: field, type: "string" });
  writeFileSync(path, json(document));
}

/** Runs --check on the working tree and --check --staged on the index: [exit code, stdout + stderr] of each. */
async function bothChecks(
  cwd: string,
): Promise<{ tree: [number | null, string]; index: [number | null, string] }> {
  const tree = await runCli(["generate", "--check"], { cwd });
  const index = await runCli(CHECK, { cwd });
  return {
    tree: [tree.code, tree.stdout + tree.stderr],
    index: [index.code, index.stdout + index.stderr],
  };
}

describe("generate --check --staged", () => {
  it("passes a consistent index while the working tree has an unstaged edit and an untracked document", async () => {
    const { dir } = await repository();
    editDocument(dir, "unstaged_field");
    cpSync(SEED, join(dir, "schemas", "untracked.json"));
    const { tree, index } = await bothChecks(dir);
    expect(tree[0]).toBe(1);
    expect(index).toEqual([0, "structgen: 5 files up to date in gen (as staged)\n"]);
  });

  it("refuses a staged hand edit of a generated file, though the working tree was regenerated since", async () => {
    const { dir, git } = await repository();
    appendFileSync(join(dir, "gen", "letta-run.types.ts"), "// edited by hand\n");
    await git("add", "gen/letta-run.types.ts");
    expect((await runCli(["generate"], { cwd: dir })).code).toBe(0);
    const { tree, index } = await bothChecks(dir);
    expect(tree[0]).toBe(0);
    expect(index[0]).toBe(1);
    expect(index[1].split("\n")).toEqual([
      "stale: gen/letta-run.types.ts",
      "structgen: 1 of 5 files need regenerating in what is staged; run structgen generate, then stage the outputs with their documents (git add gen)",
      "",
    ]);
  });

  it("refuses a staged document without its regenerated outputs, and passes once they are staged", async () => {
    const { dir, git } = await repository();
    editDocument(dir, "staged_field");
    expect((await runCli(["generate"], { cwd: dir })).code).toBe(0);
    await git("add", "schemas/run.json");
    const { tree, index } = await bothChecks(dir);
    expect(tree[0]).toBe(0);
    expect(index[0]).toBe(1);
    expect(index[1].split("\n")).toEqual(
      expect.arrayContaining(["stale: gen/letta-run.types.ts", "stale: gen/letta-run.guards.ts"]),
    );
    await git("add", "gen");
    expect((await runCli(CHECK, { cwd: dir })).code).toBe(0);
  });

  it("reads the staged config and sees a staged deletion of a generated file", async () => {
    const { dir, git } = await repository();
    writeFileSync(join(dir, "structgen.config.json"), json({ inputs: ["schemas"], out: "types" }));
    await git("add", "structgen.config.json");
    writeFileSync(join(dir, "structgen.config.json"), json({ inputs: ["schemas"], out: "gen" }));
    const moved = await bothChecks(dir);
    expect(moved.tree[0]).toBe(0);
    expect(moved.index[0]).toBe(1);
    expect(moved.index[1]).toContain("missing: types/letta-run.types.ts\n");
    await git("reset", "-q", "--hard");

    await git("rm", "-q", "--cached", "gen/letta-run.guards.ts");
    const deleted = await bothChecks(dir);
    expect(deleted.tree[0]).toBe(0);
    expect(deleted.index[0]).toBe(1);
    expect(deleted.index[1]).toContain("missing: gen/letta-run.guards.ts\n");
  });

  it("runs from a subfolder, with an absolute --out in the repository read from the index", async () => {
    const { dir, git } = await repository();
    appendFileSync(join(dir, "gen", "index.ts"), "// edited by hand\n");
    await git("add", "gen/index.ts");
    expect((await runCli(["generate"], { cwd: dir })).code).toBe(0);
    mkdirSync(join(dir, "tools"));
    const fromSub = await runCli(CHECK, { cwd: join(dir, "tools") });
    expect([fromSub.code, fromSub.stderr.split("\n")[0]]).toEqual([1, "stale: ../gen/index.ts"]);
    const absolute = await runCli([...CHECK, "schemas", "--out", join(dir, "gen")], { cwd: dir });
    expect(absolute.code).toBe(1);
    // Named from the working folder: the report never shows the temp folder the index was checked out into.
    expect(absolute.stderr.split("\n")[0]).toBe("stale: gen/index.ts");
  });

  it("loads a structgen.config.mjs that imports from the project's node_modules", async () => {
    const { dir, git } = await repository();
    const pkg = join(dir, "node_modules", "shared-settings");
    mkdirSync(pkg, { recursive: true });
    writeFileSync(
      join(pkg, "package.json"),
      json({ name: "shared-settings", type: "module", main: "index.js" }),
    );
    writeFileSync(join(pkg, "index.js"), 'export const out = "gen";\n');
    writeFileSync(join(dir, ".gitignore"), "node_modules/\n");
    writeFileSync(
      join(dir, "structgen.config.mjs"),
      'import { out } from "shared-settings";\nexport default { inputs: ["schemas"], out };\n',
    );
    await git("rm", "-q", "structgen.config.json");
    await git("add", "-A");
    const result = await runCli(CHECK, { cwd: dir });
    expect([result.code, result.stdout], result.stderr).toEqual([
      0,
      "structgen: 5 files up to date in gen (as staged)\n",
    ]);
  });

  it("leaves nothing behind in the git directory or the working tree", async () => {
    const { dir, git } = await repository();
    editDocument(dir, "staged_field");
    await git("add", "schemas/run.json");
    expect((await runCli(CHECK, { cwd: dir })).code).toBe(1);
    expect(readdirSync(join(dir, ".git")).filter((name) => name.startsWith("structgen"))).toEqual(
      [],
    );
    expect(readdirSync(join(dir, "gen")).sort()).toEqual([MANIFEST_FILE, ...SEED_OUTPUTS]);
  });

  it("is a usage error outside a git working tree, and without --check", async () => {
    const outside = tempCwd("structgen-not-a-repo-");
    const notRepo = await runCli([...CHECK, "schemas", "--out", "gen"], {
      cwd: outside,
      env: { GIT_CEILING_DIRECTORIES: outside },
    });
    expect(notRepo.code).toBe(2);
    expect(notRepo.stderr).toMatch(
      /^structgen: --staged reads git's index, but git rev-parse failed: not a git repository/,
    );
    const { dir } = await repository();
    const alone = await runCli(["generate", "--staged"], { cwd: dir });
    expect([alone.code, alone.stderr]).toEqual([
      2,
      "structgen: --staged judges what a commit would hold: use it with --check\n",
    ]);
  });
});
