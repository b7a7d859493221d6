/**
 * The config file: `structgen.config.json`, `structgen.config.mjs` (default export; the only one that can hold
 * custom emitters) or a `structgen` key in package.json. It is looked for in the working folder and then each
 * parent, up to the first folder that has a package.json. It takes the same settings as the command line, from
 * the same tables: RUN_SETTINGS below and OPTION_TABLE; flags override it. Paths in it are relative to it.
 */
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DiagnosticSink } from "../model/diagnostics.js";
import type { Emitter } from "../emit/emitters.js";
import {
  DEFAULT_OPTIONS,
  OPTION_TABLE,
  type OptionRow,
  type Options,
  parseOptionValue,
} from "../model/options.js";

/** Everything a config file can set. */
export interface StructgenConfig extends Options {
  /** Input files, folders and globs, relative to the config file. */
  readonly inputs?: readonly string[];
  /** The output folder, relative to the config file. */
  readonly out?: string;
  /** Custom emitters; only a structgen.config.mjs can hold functions. */
  readonly emitters?: readonly Emitter[];
}

/** Types a `structgen.config.mjs` default export: `export default defineConfig({ ... })`. */
export function defineConfig(config: StructgenConfig): StructgenConfig {
  return config;
}

export type Command = "generate" | "validate";

/** A command-line setting that is not a generation option; `key` when a config file can set it too. */
export interface SettingRow {
  /** The flag as the help shows it; absent for config-only settings. */
  readonly flag?: string;
  readonly key?: "inputs" | "out" | "emitters";
  readonly description: string;
  readonly commands: readonly Command[];
}

/** The run settings, in help order. With OPTION_TABLE, the one source of CLI flags, config keys and README tables. */
export const RUN_SETTINGS: readonly SettingRow[] = [
  {
    flag: "[inputs...]",
    key: "inputs",
    description:
      "files, folders (their *.json) and globs; folders and globs mirror their tree under --out",
    commands: ["generate"],
  },
  {
    flag: "-o, --out <dir>",
    key: "out",
    description: "the output folder (required, here or in the config file)",
    commands: ["generate"],
  },
  {
    flag: "-c, --config <file>",
    description: "use this config file instead of looking for one",
    commands: ["generate", "validate"],
  },
  {
    flag: "--check",
    description:
      "write nothing; list every stale or missing output and exit 1 if there is any (CI, pre-commit)",
    commands: ["generate"],
  },
  {
    flag: "-w, --watch",
    description: "regenerate when an input or the config file changes, until Ctrl-C",
    commands: ["generate"],
  },
  {
    flag: "--force",
    description: "overwrite files in the way that structgen did not generate",
    commands: ["generate"],
  },
  {
    flag: "-q, --quiet",
    description: "print only diagnostics",
    commands: ["generate", "validate"],
  },
  {
    flag: "--json",
    description:
      "print a machine-readable report on stdout (with generate --watch, one line per run)",
    commands: ["generate", "validate"],
  },
  {
    key: "emitters",
    description: "custom emitters, run after the built-in ones (structgen.config.mjs only)",
    commands: ["generate"],
  },
];

export type ConfigResult =
  | { readonly file?: string; readonly config: StructgenConfig }
  | { readonly file?: string; readonly error: string };

const CANDIDATES = ["structgen.config.json", "structgen.config.mjs", "package.json"] as const;

/**
 * Finds and reads the config: `file` when given, else the nearest one from `cwd` up. Paths in the returned
 * config (`inputs`, `out`) are absolute. No config is `{ config: {} }`; a broken one is `{ error }`, never a throw.
 */
export async function loadConfig(
  options: { readonly cwd?: string; readonly file?: string } = {},
): Promise<ConfigResult> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const file = options.file === undefined ? await findConfig(cwd) : resolve(cwd, options.file);
  if (typeof file === "object") {
    return file;
  }
  if (file === undefined) {
    return { config: {} };
  }
  const raw = await readConfig(file);
  if ("error" in raw) {
    return { file, error: `${file}: ${raw.error}` };
  }
  const checked = checkConfig(raw.value, dirname(file), file.endsWith(".mjs"));
  return "error" in checked
    ? { file, error: `${file}: ${checked.error}` }
    : { file, config: checked.config };
}

async function findConfig(cwd: string): Promise<string | undefined | { error: string }> {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const present: string[] = [];
    for (const name of CANDIDATES) {
      const path = join(dir, name);
      if ((await isFile(path)) && (name !== "package.json" || (await packageJsonHasKey(path)))) {
        present.push(path);
      }
    }
    if (present.length > 1) {
      return {
        error: `more than one structgen config in ${dir} (${present.map((p) => p.slice(dir.length + 1)).join(", ")}); keep one`,
      };
    }
    if (present[0] !== undefined) {
      return present[0];
    }
    if ((await isFile(join(dir, "package.json"))) || dirname(dir) === dir) {
      return undefined;
    }
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

async function packageJsonHasKey(path: string): Promise<boolean> {
  try {
    const value = JSON.parse(await readFile(path, "utf8")) as unknown;
    return typeof value === "object" && value !== null && Object.hasOwn(value, "structgen");
  } catch {
    return false;
  }
}

async function readConfig(file: string): Promise<{ value: unknown } | { error: string }> {
  try {
    if (file.endsWith(".mjs")) {
      // Node caches a module by its URL for the life of the process; the query names this version of the file, so
      // that a run (the next one of --watch, another in the same process) sees the file as it is now. Its bytes,
      // not its mtime, which two quick saves can share.
      const version = createHash("sha256")
        .update(await readFile(file))
        .digest("hex")
        .slice(0, 16);
      const module = (await import(`${pathToFileURL(file).href}?v=${version}`)) as {
        default?: unknown;
      };
      return module.default === undefined
        ? { error: "has no default export; write `export default { ... }`" }
        : { value: module.default };
    }
    const text = await readFile(file, "utf8");
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      return { error: `cannot be read: ${await syntaxError(file, text)}` };
    }
    return {
      value: file.endsWith("package.json")
        ? (value as Record<string, unknown>)["structgen"]
        : value,
    };
  } catch (error) {
    return { error: `cannot be read: ${(error as Error).message.split("\n")[0]}` };
  }
}

/**
 * Where and why a config's JSON does not parse, as the inputs' errors say it ("line 3, column 5: ..."). The reader
 * with positions is loaded only then: a good config, read on every run, needs no more than JSON.parse.
 */
async function syntaxError(file: string, text: string): Promise<string> {
  const { parseSourceText } = await import("../read/source.js");
  const sink = new DiagnosticSink(file);
  parseSourceText(file, text, sink);
  const first = sink.items[0];
  if (first === undefined) {
    return "malformed JSON";
  }
  return first.line === undefined
    ? first.message
    : `line ${first.line}, column ${first.column ?? 1}: ${first.message}`;
}

/** Checks every key against the tables; resolves paths against the config's folder. */
export function checkConfig(
  value: unknown,
  base: string,
  allowFunctions: boolean,
): { config: StructgenConfig } | { error: string } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { error: "a structgen config is a JSON object" };
  }
  const config: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const row = OPTION_TABLE.find((r) => r.key === key);
    const checked =
      row !== undefined ? checkOption(row, entry) : checkSetting(key, entry, base, allowFunctions);
    if ("error" in checked) {
      return { error: `"${key}": ${checked.error}` };
    }
    // Like inputs and out, the source spec is a path relative to the config file.
    config[key] = key === "sourceSpec" ? resolve(base, checked.value as string) : checked.value;
  }
  return { config: config };
}

function checkSetting(
  key: string,
  value: unknown,
  base: string,
  allowFunctions: boolean,
): { value: unknown } | { error: string } {
  switch (key) {
    case "inputs": {
      const list = typeof value === "string" ? [value] : value;
      if (
        !Array.isArray(list) ||
        list.length === 0 ||
        !list.every((item) => typeof item === "string" && item !== "")
      ) {
        return { error: "must be a path or glob, or a list of them" };
      }
      return { value: list.map((item: string) => join(base, item)) };
    }
    case "out":
      return typeof value === "string" && value !== ""
        ? { value: resolve(base, value) }
        : { error: "must be a folder path" };
    case "emitters":
      if (!allowFunctions) {
        return { error: "custom emitters are functions: declare them in structgen.config.mjs" };
      }
      return Array.isArray(value) &&
        value.every(
          (e) => typeof e === "object" && e !== null && typeof (e as Emitter).emit === "function",
        )
        ? { value }
        : { error: "must be a list of { name, emit(documents, context) }" };
    default: {
      const known = [
        ...RUN_SETTINGS.flatMap((r) => (r.key === undefined ? [] : [r.key])),
        ...OPTION_TABLE.map((r) => r.key),
      ];
      return { error: `unknown setting; the settings are ${known.join(", ")}` };
    }
  }
}

/** A config value for a generation option: the JSON type of its default, then the flag's own checks. */
function checkOption(row: OptionRow, value: unknown): { value: unknown } | { error: string } {
  const fallback = DEFAULT_OPTIONS[row.key];
  if (typeof fallback === "boolean") {
    return typeof value === "boolean"
      ? { value }
      : { error: `must be true or false; got ${JSON.stringify(value)}` };
  }
  const text =
    Array.isArray(value) && value.every((v) => typeof v === "string") ? value.join(",") : value;
  if (typeof text !== "string") {
    return {
      error: `must be ${row.choices === undefined ? "a string" : `one of ${row.choices.join(", ")}`}; got ${JSON.stringify(value)}`,
    };
  }
  const parsed = parseOptionValue(row, text);
  return "error" in parsed ? { error: parsed.error.replace(/^--[a-z-]+ /, "") } : parsed;
}

/** The README's settings table, rendered from RUN_SETTINGS (a test keeps the README in step). */
export function renderSettingsTable(): string {
  const rows = RUN_SETTINGS.map((row) => {
    const flag = row.flag === undefined ? "(config only)" : `\`${row.flag}\``;
    const key = row.key === undefined ? "" : `\`${row.key}\``;
    return `| ${flag} | ${key} | ${row.commands.join(", ")} | ${row.description} |`;
  });
  return ["| flag | config key | commands | what it does |", "|---|---|---|---|", ...rows].join(
    "\n",
  );
}
