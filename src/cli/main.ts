/**
 * The command line: a thin layer over the library. The only place that prints or sets an exit code.
 * Exit codes: 0 done, 1 invalid input, invalid data or stale outputs, 2 wrong usage, 130 interrupted.
 * Its flags come from two tables, RUN_SETTINGS (config.ts) and OPTION_TABLE (options.ts), which also feed the
 * config loader and the README.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { type Command as CommandName, RUN_SETTINGS } from "./config.js";
import { type OptionRow, OPTION_TABLE } from "../model/options.js";
import { Reporter } from "./report.js";
import { flagOptions, generateSettings, loadRunConfig, UsageError } from "./settings.js";

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
/** 128 + SIGINT, as shells report a command stopped by Ctrl-C. */
export const EXIT_INTERRUPTED = 130;

/** Examples shown by --help; between them they use every flag of their command (a test checks). */
export const EXAMPLES: Readonly<Record<CommandName, readonly string[]>> = {
  generate: [
    "structgen generate letta-run-structure.json --out src/generated",
    "structgen generate schemas/billing schemas/crm --out src/generated   # writes billing/ and crm/ subfolders",
    "structgen generate 'schemas/**/*.json' --out src/generated --check",
    "structgen generate --config tools/structgen.config.json --watch",
    "structgen generate run.json -o gen --emit types,guards --additional-properties false --no-format",
    "structgen generate run.json -o gen --object-fields record --formats annotate --json --quiet --force",
    "structgen generate summaries/ -o gen --source-spec openapi.yaml   # recover the types the summaries lost",
    "structgen generate run.json -o gen --runtime inline   # guards with their helpers copied in, no runtime.ts",
  ],
  validate: [
    "structgen validate letta-run-structure.json 'runs/*.json'",
    "structgen validate run.json data.json --formats annotate --additional-properties false --json",
    "structgen validate run.json data/ --object-fields record --config structgen.config.json --quiet",
    "structgen validate run.json runs/ --source-spec openapi.json",
  ],
};

/** Generation options that change what validate checks; the others (emit, prettier, runtime) only shape files. */
const VALIDATE_OPTIONS = OPTION_TABLE.filter(
  (row) => row.key !== "emit" && row.key !== "prettier" && row.key !== "runtime",
);

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

function addFlags(command: Command, name: CommandName, rows: readonly OptionRow[]): void {
  for (const setting of RUN_SETTINGS) {
    if (
      setting.flag !== undefined &&
      setting.commands.includes(name) &&
      !setting.flag.startsWith("[")
    ) {
      command.option(setting.flag, setting.description);
    }
  }
  for (const row of rows) {
    const option = new Option(row.flag, `${row.description} (default: ${row.defaultText})`);
    if (row.choices !== undefined && row.key !== "emit") {
      option.choices(row.choices);
    }
    if (row.key === "prettier") {
      option.attributeName = () => "prettier";
    }
    command.addOption(option);
  }
  command.addHelpText(
    "after",
    ["", "Examples:", ...EXAMPLES[name].map((line) => `  ${line}`)].join("\n"),
  );
}

/** Stops on SIGINT/SIGTERM through an AbortSignal, for the duration of `body`. */
async function interruptible<T>(
  body: (signal: AbortSignal) => Promise<T>,
): Promise<{ value: T; interrupted: boolean }> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop).once("SIGTERM", stop);
  try {
    return { value: await body(controller.signal), interrupted: controller.signal.aborted };
  } finally {
    process.off("SIGINT", stop).off("SIGTERM", stop);
  }
}

export function buildProgram(onRun: (exitCode: number) => void): Command {
  const program = new Command("structgen")
    .description(
      "Generate TypeScript types, runtime type guards and JSON Schema from JSON Structure documents.",
    )
    .version(packageVersion(), "-v, --version")
    .exitOverride()
    .showHelpAfterError("(run structgen --help for usage)");
  const generate = program
    .command("generate")
    .description(
      "generate <base>.types.ts, <base>.guards.ts, <base>.schema.json and index.ts for each input",
    )
    .argument("[inputs...]", RUN_SETTINGS.find((s) => s.key === "inputs")?.description ?? "inputs");
  addFlags(generate, "generate", OPTION_TABLE);
  generate.action(async (inputs: string[], flags: Record<string, unknown>) => {
    const watching = flags["watch"] === true;
    if (watching && flags["check"] === true) {
      throw new UsageError("--watch and --check do not go together: --check runs once");
    }
    const reporter = new Reporter({
      quiet: flags["quiet"] === true,
      json: flags["json"] === true,
      jsonLines: watching,
    });
    const load = () => generateSettings(inputs, flags);
    // Loaded on use, so that --help and --version do not pay for the compiler and prettier (generate-command
    // itself loads them only when something must be emitted).
    const { value, interrupted } = await interruptible(async (signal) =>
      watching
        ? (await import("./watch.js")).runWatch(load, reporter, signal)
        : (await import("./generate-command.js")).runGenerate(
            await load(),
            { check: flags["check"] === true, force: flags["force"] === true, signal },
            reporter,
          ),
    );
    onRun(interrupted && !watching ? EXIT_INTERRUPTED : value);
  });

  const validate = program
    .command("validate")
    .description(
      "check JSON data files against a structure's root type, with the guards generate writes",
    )
    .argument("<document>", "the JSON Structure document")
    .argument("<data...>", "JSON data files, folders (their *.json) or globs");
  addFlags(validate, "validate", VALIDATE_OPTIONS);
  validate.action(async (document: string, data: string[], flags: Record<string, unknown>) => {
    const { config } = await loadRunConfig(flags, process.cwd());
    const fromConfig = Object.fromEntries(
      VALIDATE_OPTIONS.flatMap((row) =>
        config[row.key] === undefined ? [] : [[row.key, config[row.key]]],
      ),
    );
    const options = { ...fromConfig, ...flagOptions(flags, VALIDATE_OPTIONS) };
    const reporter = new Reporter({ quiet: flags["quiet"] === true, json: flags["json"] === true });
    const { runValidate } = await import("./validate-command.js");
    onRun(await runValidate(document, data, options, reporter));
  });

  program.addHelpText("after", () =>
    [
      "",
      "Examples:",
      ...[...EXAMPLES.generate, ...EXAMPLES.validate].map((line) => `  ${line}`),
      "",
      "Commands in full:",
      ...[generate, validate].map((command) => `\n${command.helpInformation()}`),
    ].join("\n"),
  );
  return program;
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
    // A bug, not a user's mistake: one line naming it, never a stack trace; nothing was written (writes are atomic).
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `structgen: internal error: ${message.split("\n")[0]}; this is a bug in structgen, please report it\n`,
    );
    return EXIT_INVALID;
  }
  return exitCode;
}
