/**
 * A frozen copy of structgen's build for one bench run. Others rebuild dist/ while they work; a bench that
 * ran its first half on one build and its second on another would compare two programs (and `--check` would
 * see the first build's outputs as stale). So the suite copies bin/, dist/, templates/ and package.json (and
 * src/, for the source maps) into its temp folder once, links node_modules, and runs both the CLI and the API
 * from that copy.
 */
import { cpSync, existsSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Workspace } from "./corpus.ts";
import type * as StructgenModule from "../../dist/index.js";
import { REPO_ROOT } from "./paths.ts";

export type StructgenApi = typeof StructgenModule;

export interface Build {
  readonly root: string;
  /** bin/structgen.js of the copy. */
  readonly bin: string;
  readonly api: StructgenApi;
}

export async function snapshotBuild(ws: Workspace): Promise<Build> {
  if (!existsSync(join(REPO_ROOT, "dist", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm run bench does)");
  }
  const root = ws.path("structgen");
  mkdirSync(root);
  // src/ only so that dist's source maps resolve (vitest reads them).
  for (const entry of ["bin", "dist", "templates", "src", "package.json"]) {
    if (existsSync(join(REPO_ROOT, entry))) {
      cpSync(join(REPO_ROOT, entry), join(root, entry), { recursive: true });
    }
  }
  symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");
  const api = (await import(pathToFileURL(join(root, "dist", "index.js")).href)) as StructgenApi;
  return { root, bin: join(root, "bin", "structgen.js"), api };
}
