/**
 * git for tests that use structgen's repository as its users do (the pre-commit framework clones it, npm installs
 * it from git): a snapshot of this checkout's working tree committed into a temp repository, so they see the code
 * under test, committed or not.
 */
import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "./fixtures.js";
import { run, type RunResult, tempFolder, userEnv } from "./package.js";

/** git with no user or system config, and an identity for the commits. */
export const GIT_ENV = userEnv({
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "Test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "Test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
});

export function git(cwd: string, args: readonly string[], env = GIT_ENV): Promise<RunResult> {
  return run("git", ["-c", "commit.gpgsign=false", ...args], { cwd, env });
}

/** Runs git and returns its standard output, or throws with its error output. */
async function gitOutput(cwd: string, args: readonly string[]): Promise<string> {
  const result = await git(cwd, args);
  if (result.code !== 0) {
    throw new Error(`git ${args.join(" ")} failed in ${cwd}:\n${result.stderr}`);
  }
  return result.stdout;
}

export interface Snapshot {
  /** The temp repository's folder, usable as a clone URL. */
  readonly dir: string;
  /** The one commit's hash. */
  readonly rev: string;
}

/**
 * A new git repository in the OS temp folder (removed by `removeProjects`) whose one commit holds what a commit of
 * this working tree would: tracked and untracked files, less what .gitignore leaves out (node_modules, dist).
 */
export async function snapshotRepository(): Promise<Snapshot> {
  const dir = tempFolder("structgen-snapshot-");
  const listed = await gitOutput(REPO_ROOT, [
    "ls-files",
    "-z",
    "--cached",
    "--others",
    "--exclude-standard",
  ]);
  for (const file of listed.split("\0")) {
    // A tracked file deleted in the working tree is listed but gone: a commit would not hold it either.
    if (file !== "" && existsSync(join(REPO_ROOT, file))) {
      cpSync(join(REPO_ROOT, file), join(dir, file));
    }
  }
  await gitOutput(dir, ["init", "-q"]);
  await gitOutput(dir, ["add", "-A"]);
  await gitOutput(dir, ["commit", "-q", "-m", "snapshot of the working tree under test"]);
  return { dir, rev: (await gitOutput(dir, ["rev-parse", "HEAD"])).trim() };
}
