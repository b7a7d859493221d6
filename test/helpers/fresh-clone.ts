/**
 * A fresh clone of this checkout, as a user gets one: the files git tracks (and the new ones it does not ignore, so
 * that uncommitted work is what is tested), nothing installed and nothing built, in a temp folder with `../shared`
 * beside it (as /work/shared is beside a checkout) and a `structgen` on PATH that is the clone's own bin, for
 * examples that call it bare. `npx structgen` in the clone's root runs the clone's bin by itself.
 *
 * Examples run in it one after another from the same state: `snapshot()` records the clone after its set-up
 * command, `reset()` puts that state back. node_modules stays in place: it is large, and no example changes it.
 */
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
} from "node:fs";
import { rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { REPO_ROOT } from "./fixtures.js";
import { git } from "./git.js";
import { NPM, run, userEnv } from "./package.js";

export interface FreshClone {
  /** The clone's root folder. */
  readonly dir: string;
  /** A user's environment, with the clone's `structgen` on PATH. */
  readonly env: NodeJS.ProcessEnv;
  snapshot(): void;
  reset(): void;
  remove(): Promise<void>;
}

export const SHARED = join(REPO_ROOT, "..", "shared");

export async function freshClone(): Promise<FreshClone> {
  const root = mkdtempSync(join(tmpdir(), "structgen-readme-"));
  const dir = join(root, "structgen");
  for (const file of await checkoutFiles()) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(dir, file));
  }
  if (existsSync(SHARED)) {
    symlinkSync(realpathSync(SHARED), join(root, "shared"));
  }
  const bin = join(root, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "structgen"), `#!/bin/sh\nexec node "${dir}/bin/structgen.js" "$@"\n`);
  chmodSync(join(bin, "structgen"), 0o755);
  const base = userEnv();
  const env = { ...base, PATH: [bin, base["PATH"] ?? ""].join(delimiter) };
  const pristine = join(root, "after-setup");
  const notModules = (source: string) => source !== join(dir, "node_modules");
  return {
    dir,
    env,
    snapshot: () => cpSync(dir, pristine, { recursive: true, filter: notModules }),
    reset: () => {
      for (const entry of readdirSync(dir).filter((name) => name !== "node_modules")) {
        rmSync(join(dir, entry), { recursive: true, force: true });
      }
      cpSync(pristine, dir, { recursive: true });
    },
    remove: async () => {
      await forgetNpxEntries(root, env);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** What a clone of the working tree holds: tracked files that still exist, and new files git does not ignore. */
async function checkoutFiles(): Promise<string[]> {
  const listed = await git(REPO_ROOT, [
    "ls-files",
    "-z",
    "--cached",
    "--others",
    "--exclude-standard",
  ]);
  if (listed.code !== 0) {
    throw new Error(`git ls-files failed:\n${listed.stderr}`);
  }
  return listed.stdout
    .split("\0")
    .filter((file) => file !== "" && existsSync(join(REPO_ROOT, file)));
}

/**
 * `npx structgen` in a package's own folder makes an entry in npm's npx cache that links to the folder; drop the
 * entries that point into the removed clone (best effort: `npm cache npx` is npm 11's; older npm keeps them).
 */
async function forgetNpxEntries(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  const roots = [root, realpathSync(root)];
  const listed = await run(NPM, ["cache", "npx", "ls"], { cwd: root, env });
  const keys = listed.stdout.split("\n").flatMap((line) => {
    const [, key, path] = /^(\w+): (.*)$/.exec(line) ?? [];
    return key !== undefined && roots.some((folder) => path?.startsWith(folder)) ? [key] : [];
  });
  if (keys.length > 0) {
    await run(NPM, ["cache", "npx", "rm", ...keys], { cwd: root, env });
  }
}
