/**
 * The command line: a thin layer over the pipeline. The only place that prints or sets an exit code.
 * Exit codes: 0 done, 1 invalid input or stale outputs, 2 wrong usage.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { type Options, OPTION_TABLE, parseOptionValue } from "../options.js";
import { runGenerate } from "./generate-command.js";

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, as shells report a command stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

class UsageError extends Error {}

export function buildProgram(onRun: (exitCode: number) => void): Command {
  const program = new Command("structgen")
    .description("Generate TypeScript types, runtime type guards and JSON Schema from JSON Structure documents.")
    .version(packageVersion(), "-v, --version")
    .exitOverride()
    .showHelpAfterError("(run structgen --help for usage)");
  const generate = program
    .command("generate")
    .description("generate <base>.types.ts, <base>.guards.ts, <base>.schema.json and index.ts for each input")
    .argument("<inputs...>", "JSON Structure documents (files or folders of *.json)")
    .requiredOption("-o, --out <dir>", "output folder")
    .option("--check", "write nothing; list stale or missing outputs and exit 1 if there are any")
    .option("-q, --quiet", "print only errors and warnings")
    .option("--json", "print a machine-readable report on stdout")
    .option("--force", "overwrite files in the way that structgen did not generate");
  for (const row of OPTION_TABLE) {
    const option = new Option(row.flag, `${row.description} (default: ${row.defaultText})`);
    if (row.choices !== undefined && row.key !== "emit") {
      option.choices(row.choices);
    }
    if (row.key === "prettier") {
      option.attributeName = () => "prettier";
    }
    generate.addOption(option);
  }
  generate.addHelpText(
    "after",
    [
      "",
      "Examples:",
      "  structgen generate letta-run-structure.json --out src/generated",
      "  structgen generate schemas/ --out src/generated --check",
      "  structgen generate run.json --out gen --emit types,guards --additional-properties false",
    ].join("\n"),
  );
  generate.action(async (inputs: string[], flags: Record<string, unknown>) => {
    const interrupted = new AbortController();
    const stop = () => interrupted.abort();
    process.once("SIGINT", stop).once("SIGTERM", stop);
    const code = await runGenerate(inputs, String(flags["out"]), toOptions(flags), {
      signal: interrupted.signal,
      check: flags["check"] === true,
      quiet: flags["quiet"] === true,
      json: flags["json"] === true,
      force: flags["force"] === true,
    });
    process.off("SIGINT", stop).off("SIGTERM", stop);
    onRun(interrupted.signal.aborted ? EXIT_INTERRUPTED : code);
  });
  return program;
}

function toOptions(flags: Record<string, unknown>): Options {
  const options: Record<string, unknown> = {};
  for (const row of OPTION_TABLE) {
    const raw = flags[row.key];
    if (raw === undefined || (row.key === "prettier" && raw === true)) {
      continue;
    }
    const parsed = parseOptionValue(row, raw as string | boolean);
    if ("error" in parsed) {
      throw new UsageError(parsed.error);
    }
    options[row.key] = parsed.value;
  }
  return options as Options;
}

/** Runs the CLI with `argv` (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`structgen: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  return exitCode;
}
