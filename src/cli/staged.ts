/**
 * `generate --check --staged`: judge what a commit would hold, not the working tree. A pre-commit hook runs while
 * the working tree can differ from what is being committed (a hand edit staged and then regenerated away, a
 * document staged without its outputs, unstaged or untracked files), so the check reads git's index instead: the
 * index git names in GIT_INDEX_FILE during a commit (`git commit -a` and `git commit <paths>` use their own), else
 * the repository's. It is checked out whole (`git checkout-index`, with git's own filters and line endings) into a
 * temp folder, and the run reads its documents, config, source spec, prettier config and outputs there, from the
 * working folder's place in it. The folder is in the git directory: on the same disk, out of the working tree's
 * sight, and below the project, so that a structgen.config.mjs still finds the project's node_modules.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { type ReadFrom, UsageError } from "./settings.js";

/** git's index checked out: where the run reads, as ReadFrom says. */
export interface StagedTree extends ReadFrom {
  /** The working folder's place in the copy. */
  readonly cwd: string;
}

/** Runs git; its standard output, or a UsageError naming what failed. */
function git(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile("git", [...args], { cwd, env, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error === null) {
        resolvePromise(stdout);
        return;
      }
      const why =
        (error as NodeJS.ErrnoException).code === "ENOENT"
          ? "git is not installed or not on PATH"
          : (stderr.trim().split("\n")[0] ?? error.message).replace(/^fatal: /, "");
      reject(new UsageError(`--staged reads git's index, but git ${args[0] ?? ""} failed: ${why}`));
    });
  });
}

/** Whether `path` is `folder` or inside it. */
function isWithin(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * Checks out git's index for the working folder `cwd` into a temp folder, runs `body` there (as the process's
 * working folder too, since the stages below the CLI open paths as Node does), and removes the folder.
 */
export async function inStagedTree<T>(
  cwd: string,
  env: NodeJS.ProcessEnv,
  body: (tree: StagedTree) => Promise<T>,
): Promise<T> {
  const [top = "", prefix = "", gitDir = ""] = (
    await git(["rev-parse", "--show-toplevel", "--show-prefix", "--absolute-git-dir"], cwd, env)
  ).split("\n");
  // git sets GIT_INDEX_FILE for a hook relative to the top of the working tree, where it runs hooks; git commands
  // run elsewhere would read it from their own folder, and find no index.
  const index = env["GIT_INDEX_FILE"];
  const gitEnv =
    index === undefined || index === "" || isAbsolute(index)
      ? env
      : { ...env, GIT_INDEX_FILE: resolve(top, index) };
  const root = await mkdtemp(join(gitDir, "structgen-staged-"));
  const previous = process.cwd();
  try {
    await git(["checkout-index", "--all", "--force", `--prefix=${root}/`], top, gitEnv);
    const copyCwd = join(root, prefix);
    // The top as the working folder spells it too (git gives it with symbolic links resolved).
    const tops = [top, resolve(cwd, prefix.replace(/[^/]+\/?/g, "../") || ".")];
    const tree: StagedTree = {
      cwd: copyCwd,
      // An absolute path into the repository that the command line or the config names is read from the copy, and
      // named relative to the working folder, as the copy's own paths are (a report never shows the temp folder).
      path: (path) => {
        const from =
          isAbsolute(path) && !isWithin(path, root)
            ? tops.find((t) => isWithin(path, t))
            : undefined;
        return from === undefined
          ? path
          : relative(copyCwd, join(root, relative(from, path))) || ".";
      },
      // The search goes up the copy to its root, then on from the repository's parent.
      parentOf: (dir) => (dir === root ? dirname(top) : dirname(dir)),
    };
    // The working folder may hold nothing staged, and then is not in the copy.
    await mkdir(tree.cwd, { recursive: true });
    process.chdir(tree.cwd);
    return await body(tree);
  } finally {
    process.chdir(previous);
    await rm(root, { recursive: true, force: true });
  }
}
