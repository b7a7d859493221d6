/**
 * What the guards files already in an output folder import from its shared runtime module, for a run that writes
 * the module anew (pipeline/shared-runtime.ts): every structgen guards file there but this run's own and those the
 * run removes as obsolete. Read from the files themselves when the pipeline asks (a write holds the folder's lock
 * by then), so that the module serves every guards file the folder holds, whichever runs wrote them, in whatever
 * order, even runs that went side by side.
 */
import { readdirSync, readFileSync } from "node:fs";
import { resolve, sep } from "node:path";
import { BANNER_PREFIX } from "../emit/banner.js";
import { templateNames } from "../emit/runtime-copy.js";
import { runtimeSpecifier } from "../emit/runtime-module.js";
import type { GuardsImports, InputDocument } from "../pipeline/generate.js";
import { obsoleteOutputs } from "./previous-run.js";

/** A guards file's import list from a module, and the module. */
const NAMED_IMPORT = /^import \{([^}]*)\} from "([^"\n]*)";$/gm;

/** Where the banner must start for a file to be structgen's (as the writer checks before overwriting). */
const BANNER_WITHIN = 500;

export function folderGuardsImports(
  cwd: string,
  out: string,
  inputs: readonly InputDocument[],
  files: readonly string[],
): GuardsImports[] {
  const folder = resolve(cwd, out);
  let entries: string[];
  try {
    entries = readdirSync(folder, { recursive: true, encoding: "utf8" });
  } catch {
    return []; // no folder yet
  }
  const own = new Set(files);
  const leaving = new Set(
    obsoleteOutputs(
      cwd,
      out,
      inputs,
      files.map((file) => [file, ""]),
    ),
  );
  const known = templateNames();
  return entries
    .map((entry) => entry.split(sep).join("/"))
    .filter((file) => file.endsWith(".guards.ts") && !own.has(file) && !leaving.has(file))
    .sort()
    .flatMap((file) => {
      const text = readOrEmpty(resolve(folder, file));
      if (!text.slice(0, BANNER_WITHIN).includes(BANNER_PREFIX)) {
        return [];
      }
      // The import of this folder's module, as a guards file at its depth names it: one in an output folder of its
      // own further down (another --out) imports that folder's.
      const slash = file.lastIndexOf("/");
      const specifier = runtimeSpecifier(slash === -1 ? "" : file.slice(0, slash));
      const list = [...text.matchAll(NAMED_IMPORT)].find((m) => m[2] === specifier)?.[1] ?? "";
      // Only names of helpers structgen has: a hand-edited import adds nothing to the module.
      const helpers = list
        .split(",")
        .map((name) => name.trim())
        .filter((name) => known.has(name));
      return [{ file, helpers }];
    });
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
