/**
 * The key of a CLI run for the manifest (write/manifest.ts): a hash of everything besides the inputs' bytes that
 * decides the outputs. Undefined when a run cannot be keyed, and then it always takes the full path: custom
 * emitters (code whose behavior no hash of its name captures), a prettier config with plugins (code again), or a
 * prettier config that does not load (the full path reports it).
 *
 * Computing it loads prettier's config resolver (the config decides the formatting) but neither the compiler nor
 * prettier's parsers, which only an actual emit needs.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { InputDocument } from "../read/read.js";
import { resolveOptions } from "../model/options.js";
import { byCodeUnits } from "../model/order.js";
import { sourcePath } from "../write/manifest.js";
import type { RunSettings } from "./settings.js";

/** Bumped with any change to what the key covers. */
const KEY_FORMAT = 2;

export async function runKey(
  settings: RunSettings,
  inputs: readonly InputDocument[],
): Promise<string | undefined> {
  if (settings.emitters.length > 0) {
    return undefined;
  }
  const options = resolveOptions(settings.options);
  const prettier = options.prettier
    ? await prettierFingerprint(resolve(settings.cwd, settings.out))
    : { config: null, version: null };
  if (prettier === undefined) {
    return undefined;
  }
  const parts = {
    format: KEY_FORMAT,
    structgen: codeHash(),
    tsMorph: [await packageVersion("ts-morph"), await packageVersion("@ts-morph/common")],
    prettier,
    options,
    // From the output folder, as the manifest names them: the same project keys the same from any working folder.
    inputs: inputs
      .map((input) => [sourcePath(settings.out, input.path), input.outputSubfolder ?? ""])
      .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0)),
  };
  return createHash("sha256").update(canonicalJson(parts)).digest("hex");
}

/** The prettier config structgen formats the folder `out` with (as format.ts resolves it) and prettier's version. */
async function prettierFingerprint(
  out: string,
): Promise<{ config: unknown; version: string } | undefined> {
  try {
    const prettier = await import("prettier");
    const config = await prettier.resolveConfig(join(out, "index.ts"), { editorconfig: true });
    const plugins = config?.["plugins"];
    return Array.isArray(plugins) && plugins.length > 0
      ? undefined
      : { config, version: prettier.version };
  } catch {
    return undefined;
  }
}

/**
 * A hash of structgen's own code as it runs (the compiled or source modules next to this one, and the templates
 * copied into guards), so that a rebuilt structgen with the same version number never trusts an older manifest.
 */
function codeHash(): string {
  const hash = createHash("sha256");
  for (const root of [
    new URL("../", import.meta.url),
    new URL("../../templates/", import.meta.url),
  ]) {
    const dir = fileURLToPath(root);
    const names = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((name) => /\.(?:js|ts|json)$/.test(name) && !name.endsWith(".d.ts"))
      .sort();
    for (const name of names) {
      hash.update(`${name.replace(/\\/g, "/")}\0`).update(readFileSync(join(dir, name)));
    }
  }
  return hash.digest("hex");
}

/** The installed version of a dependency, from the package.json above its entry point. */
async function packageVersion(name: string): Promise<string> {
  let dir = dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const pkg = await readFile(join(dir, "package.json"), "utf8").then(
      (text) => JSON.parse(text) as { name?: string; version?: string },
      () => undefined,
    );
    if (pkg?.name === name) {
      return pkg.version ?? "";
    }
    if (dirname(dir) === dir) {
      return "";
    }
    dir = dirname(dir);
  }
}

/** JSON with object keys sorted at every level, so that equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(
      ([, v]) => v !== undefined,
    );
    entries.sort(byCodeUnits(([key]) => key));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
