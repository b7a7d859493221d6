/**
 * The pre-commit framework's door, for real: a new git repository whose .pre-commit-config.yaml is the README's,
 * pointing at a snapshot of this checkout (a temp git repository, so the current code is what gets installed).
 * pre-commit installs the hook as it would for any user (clone, `npm install`, `npm pack`, `npm install -g`, with
 * the Node on PATH) and `git commit` runs it: up-to-date outputs pass; a structure changed without regenerating,
 * a generated file edited by hand, or a config change alone is refused, naming the files.
 * Skipped, with a notice, where pre-commit is not installed (.ci/run installs it).
 */
import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { SEED } from "./helpers/cli.js";
import { BIN } from "./helpers/cli-process.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { GIT_ENV, git, snapshotRepository } from "./helpers/git.js";
import { readmeExample, removeProjects, run, tempFolder } from "./helpers/package.js";

const found = await run("pre-commit", ["--version"], { cwd: REPO_ROOT });
const SKIPPED =
  "pre-commit is not installed (apt-get install pre-commit, or pip install pre-commit; .ci/run installs it)";
if (found.code !== 0) {
  console.info(`pre-commit framework tests skipped: ${SKIPPED}`);
}
function skipWithoutPreCommit(ctx: TestContext): void {
  if (found.code !== 0) {
    ctx.skip(SKIPPED);
  }
}

let repo: string;
/** pre-commit's store (PRE_COMMIT_HOME): the clones and hook environments of this test only. */
let store: string;
/** npm answers from the cache `npm ci` filled, as the other packaging tests do. */
let env: NodeJS.ProcessEnv;

const commit = async (message: string) => {
  const result = await git(repo, ["commit", "-q", "-m", message], env);
  return { code: result.code, output: result.stdout + result.stderr };
};
const commits = async () => (await git(repo, ["rev-list", "--count", "HEAD"])).stdout.trim();
const regenerate = () => run(process.execPath, [BIN, "generate"], { cwd: repo });

/** Adds a string field to the structure, as a developer editing the schema would. */
function editStructure(field: string): void {
  const path = join(repo, "schemas", "run.json");
  const document = JSON.parse(readFileSync(path, "utf8")) as { fields: unknown[] };
  document.fields.push({ name: field, type: "string" });
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}

afterAll(removeProjects);

beforeAll(async () => {
  if (found.code !== 0) {
    return;
  }
  const snapshot = await snapshotRepository();
  repo = tempFolder("structgen-framework-");
  store = tempFolder("structgen-pre-commit-home-");
  env = { ...GIT_ENV, PRE_COMMIT_HOME: store, npm_config_prefer_offline: "true" };
  const config = readmeExample("pre-commit-config")
    .replace("<structgen's git repository>", snapshot.dir)
    .replace("<a tag or commit of it>", snapshot.rev);
  expect(config).toContain(`rev: ${snapshot.rev}`);
  writeFileSync(join(repo, ".pre-commit-config.yaml"), config);
  writeFileSync(
    join(repo, "structgen.config.json"),
    `${JSON.stringify({ inputs: ["schemas"], out: "src/generated" }, null, 2)}\n`,
  );
  mkdirSync(join(repo, "schemas"));
  copyFileSync(SEED, join(repo, "schemas", "run.json"));
  expect((await git(repo, ["init", "-q"])).code).toBe(0);
  const generated = await regenerate();
  expect(generated.code, generated.stderr).toBe(0);
  const installed = await run("pre-commit", ["install"], { cwd: repo, env });
  expect(installed.code, installed.stdout + installed.stderr).toBe(0);
}, 240_000);

describe("structgen-check from the pre-commit framework, through git commit", () => {
  it("installs with the Node on PATH (no Node downloaded) and passes up-to-date outputs", async (ctx) => {
    skipWithoutPreCommit(ctx);
    await git(repo, ["add", "-A"]);
    const first = await commit("structures and generated types");
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(/^structgen check\.+Passed$/m);
    expect(await commits()).toBe("1");

    // pre-commit's node environment for language_version "system" is a shim that runs the Node on PATH.
    const environments = readdirSync(store)
      .filter((entry) => entry.startsWith("repo"))
      .flatMap((clone) =>
        readdirSync(join(store, clone))
          .filter((entry) => entry.startsWith("node_env"))
          .map((name) => join(store, clone, name)),
      );
    expect(environments.map((dir) => basename(dir))).toEqual(["node_env-system"]);
    const node = readFileSync(join(environments[0] ?? "", "bin", "node"), "utf8");
    expect(node).toMatch(/^#!/);
    expect(node).toMatch(/^exec \S*node(js)? "\$@"$/m);
  }, 900_000);

  it("refuses a structure changed without regenerating, naming the stale files", async (ctx) => {
    skipWithoutPreCommit(ctx);
    editStructure("framework_hook_field");
    await git(repo, ["add", "schemas/run.json"]);
    const refused = await commit("add framework_hook_field");
    expect(refused.code, refused.output).not.toBe(0);
    expect(refused.output).toMatch(/^structgen check\.+Failed$/m);
    expect(refused.output.split("\n")).toContain("stale: src/generated/letta-run.types.ts");
    expect(refused.output.split("\n")).toContain("stale: src/generated/letta-run.guards.ts");
    expect(await commits()).toBe("1");
    await git(repo, ["reset", "-q", "--hard"]);
  }, 300_000);

  it("runs on a commit of a hand-edited generated file alone, and of the config alone", async (ctx) => {
    skipWithoutPreCommit(ctx);
    appendFileSync(join(repo, "src", "generated", "letta-run.types.ts"), "// edited by hand\n");
    await git(repo, ["add", "src/generated/letta-run.types.ts"]);
    const edited = await commit("edit a generated file");
    expect(edited.code, edited.output).not.toBe(0);
    expect(edited.output.split("\n")).toContain("stale: src/generated/letta-run.types.ts");
    await git(repo, ["reset", "-q", "--hard"]);

    const config = { inputs: ["schemas"], out: "src/types" };
    writeFileSync(join(repo, "structgen.config.json"), `${JSON.stringify(config, null, 2)}\n`);
    await git(repo, ["add", "structgen.config.json"]);
    const moved = await commit("move the outputs");
    expect(moved.code, moved.output).not.toBe(0);
    expect(moved.output.split("\n")).toContain("missing: src/types/letta-run.types.ts");
    await git(repo, ["reset", "-q", "--hard"]);
    expect(await commits()).toBe("1");
  }, 300_000);

  it("accepts the structure change once the outputs are regenerated", async (ctx) => {
    skipWithoutPreCommit(ctx);
    editStructure("framework_hook_field");
    const regenerated = await regenerate();
    expect(regenerated.code, regenerated.stderr).toBe(0);
    await git(repo, ["add", "-A"]);
    const accepted = await commit("add framework_hook_field");
    expect(accepted.code, accepted.output).toBe(0);
    expect(accepted.output).toMatch(/^structgen check\.+Passed$/m);
    expect(await commits()).toBe("2");
  }, 300_000);
});
