/** Where the bench finds the project, its built CLI, the seed, the Letta corpus and the peer's CLI. */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const SEED = join(REPO_ROOT, "fixtures", "flat", "letta-run", "input.json");
/** The 14 published Letta summaries, in shared/ beside the project (absent on a plain clone). */
export const LETTA_CORPUS = join(REPO_ROOT, "..", "shared", "corpus", "flat", "letta");

const require = createRequire(import.meta.url);

/** json-schema-to-typescript's `json2ts` CLI, as its package.json `bin` names it. */
export function json2tsBin(): string {
  const manifestPath = require.resolve("json-schema-to-typescript/package.json");
  const manifest = require(manifestPath) as { bin: string | Record<string, string> };
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin["json2ts"];
  if (bin === undefined) {
    throw new Error("json-schema-to-typescript has no json2ts bin");
  }
  return join(dirname(manifestPath), bin);
}

/** A dependency's version, found from its entry point upwards (some packages do not export package.json). */
export function packageVersion(name: string): string {
  try {
    let dir = dirname(require.resolve(name));
    while (dir !== dirname(dir)) {
      const manifest = join(dir, "package.json");
      if (existsSync(manifest)) {
        const parsed = JSON.parse(readFileSync(manifest, "utf8")) as {
          name?: string;
          version?: string;
        };
        if (parsed.name === name && parsed.version !== undefined) {
          return parsed.version;
        }
      }
      dir = dirname(dir);
    }
  } catch {
    // unresolvable: reported as "?"
  }
  return "?";
}

export function structgenVersion(): string {
  return (JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { version: string })
    .version;
}
