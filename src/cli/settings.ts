/**
 * One run's settings: the config file (found or named with --config) under the command-line flags, which
 * override it. Config paths are relative to the config file; they are turned into paths relative to the
 * working folder, which is how diagnostics, banners and the summary name them.
 */
import { isAbsolute, relative, resolve } from "node:path";
import { loadConfig, type StructgenConfig } from "./config.js";
import type { Emitter } from "../emit/emitters.js";
import { type OptionRow, OPTION_TABLE, type Options, parseOptionValue } from "../model/options.js";

/** A mistake in how structgen was called: exit code 2, one message, no stack trace. */
export class UsageError extends Error {}

export interface RunSettings {
  /** The working folder (absolute): what the paths below are relative to. */
  readonly cwd: string;
  /** Files, folders and globs, relative to the working folder. */
  readonly patterns: readonly string[];
  /** The output folder, relative to the working folder (as given on the command line). */
  readonly out: string;
  readonly options: Options;
  readonly emitters: readonly Emitter[];
  /** The config file used, if any (absolute). */
  readonly configFile?: string;
}

/** Generation options set by flags: each row's flag value, checked by the row. */
export function flagOptions(
  flags: Record<string, unknown>,
  rows: readonly OptionRow[] = OPTION_TABLE,
): Options {
  const options: Record<string, unknown> = {};
  for (const row of rows) {
    const raw = flags[row.key];
    // A `--no-x` flag is true unless given: true says nothing, so it must not override the config file.
    if (raw === undefined || (row.flag.startsWith("--no-") && raw === true)) {
      continue;
    }
    const parsed = parseOptionValue(row, raw as string | boolean);
    if ("error" in parsed) {
      throw new UsageError(parsed.error);
    }
    options[row.key] = parsed.value;
  }
  return options;
}

/** The config's generation options (only the keys OPTION_TABLE knows). */
function configOptions(config: StructgenConfig): Options {
  const picked: Record<string, unknown> = {};
  for (const row of OPTION_TABLE) {
    if (config[row.key] !== undefined) {
      picked[row.key] = config[row.key];
    }
  }
  return picked;
}

export async function loadRunConfig(
  flags: Record<string, unknown>,
  cwd: string,
): Promise<{ config: StructgenConfig; file?: string }> {
  const file = typeof flags["config"] === "string" ? flags["config"] : undefined;
  const loaded = await loadConfig(file === undefined ? { cwd } : { cwd, file });
  if ("error" in loaded) {
    throw new UsageError(loaded.error);
  }
  return loaded.file === undefined
    ? { config: loaded.config }
    : { config: loaded.config, file: loaded.file };
}

/** Settings for `generate`: inputs and --out from the arguments, else from the config. */
export async function generateSettings(
  args: readonly string[],
  flags: Record<string, unknown>,
  cwd: string,
): Promise<RunSettings> {
  const { config, file } = await loadRunConfig(flags, cwd);
  const patterns = args.length > 0 ? args : (config.inputs ?? []).map((p) => fromCwd(cwd, p));
  if (patterns.length === 0) {
    throw new UsageError(
      `missing required argument 'inputs': name files, folders or globs, or set "inputs" in a config file`,
    );
  }
  const out =
    typeof flags["out"] === "string"
      ? flags["out"]
      : config.out === undefined
        ? undefined
        : fromCwd(cwd, config.out);
  if (out === undefined) {
    throw new UsageError(
      `required option '-o, --out <dir>' not specified (nor "out" in a config file)`,
    );
  }
  const fromConfig = configOptions(config);
  const sourceSpec =
    fromConfig.sourceSpec === undefined ? {} : { sourceSpec: fromCwd(cwd, fromConfig.sourceSpec) };
  const options = { ...fromConfig, ...sourceSpec, ...flagOptions(flags) };
  const settings = { cwd, patterns, out, options, emitters: config.emitters ?? [] };
  return file === undefined ? settings : { ...settings, configFile: file };
}

/** An absolute path from the config, relative to the working folder ("." for the folder itself). */
function fromCwd(cwd: string, path: string): string {
  const rel = relative(cwd, resolve(cwd, path));
  return rel === "" ? "." : isAbsolute(rel) ? path : rel;
}
