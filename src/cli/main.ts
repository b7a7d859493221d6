/**
 * The command line: a thin layer over the library. The only place that prints or returns an exit code (the bin
 * sets it). Exit codes: 0 done, 1 invalid input, invalid data or stale outputs, 2 wrong usage, 130 interrupted.
 * Its flags come from two tables, RUN_SETTINGS (config.ts) and OPTION_TABLE (options.ts), which also feed the
 * config loader and the README.
 *
 * Everything the CLI takes from its process comes in through `CliIo`, so that a test can run it in process: the
 * working folder (every relative path on the command line or in a config is resolved against it), the output
 * streams, the environment (colours) and the signal that interrupts a run. Only bin/structgen.js passes the real
 * ones. The library stages below the CLI (pipeline, write) open the paths they are given as Node does, against
 * the process's working folder, which for the bin is `cwd`: a caller that passes another folder must make it the
 * process's too before a run reads or writes (test/helpers/cli.ts does).
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { type Command as CommandName, RUN_SETTINGS } from "./config.js";
import { type OptionRow, OPTION_TABLE } from "../model/options.js";
import { Reporter } from "./report.js";
import {
  flagOptions,
  generateSettings,
  loadRunConfig,
  type RunSettings,
  UsageError,
} from "./settings.js";
import { colorsEnabled, type OutputStream } from "./terminal.js";

/** What a CLI run takes from its process; bin/structgen.js passes the real ones. */
export interface CliIo {
  /** The working folder, absolute: relative inputs, --out, --config, the config search and data files start from it. */
  readonly cwd: string;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** The environment, for NO_COLOR and TERM. @default {} (colours only on a TTY) */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * Interrupts a run as Ctrl-C does (exit 130, previous outputs intact; --watch stops with 0). Without it, SIGINT
   * and SIGTERM to this process do, for the duration of a run.
   */
  readonly signal?: AbortSignal;
}

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
    "structgen generate --check --staged   # in a pre-commit hook: judge what the commit holds",
    "structgen generate --config tools/structgen.config.json --watch",
    "structgen generate run.json -o gen --emit types,guards --additional-properties false --no-format",
    "structgen generate run.json -o gen --object-fields record --formats annotate --json --quiet --force",
    "structgen generate summaries/ -o gen --source-spec openapi.yaml   # recover the types the summaries lost",
    "structgen generate run.json -o gen --runtime inline   # guards with their helpers copied in, no runtime.ts",
    "structgen generate catalog/statsig -o gen --dialect catalog --strict   # catalog files, nothing guessed",
    "structgen generate catalog/trello -o gen --optional-null   # optional members accept the null an API sends",
    "structgen generate trusted/ -o gen --no-redos-check   # no warnings about patterns that can backtrack",
  ],
  validate: [
    "structgen validate letta-run-structure.json 'runs/*.json'",
    "structgen validate run.json data.json --formats annotate --additional-properties false --json",
    "structgen validate run.json data/ --object-fields record --config structgen.config.json --quiet",
    "structgen validate run.json runs/ --source-spec openapi.json --no-redos-check",
    "structgen validate card.json cards/ --optional-null   # a card whose optional due is null passes",
    "structgen validate order-structure.json orders/ --dialect catalog --strict",
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

/**
 * Runs `body` with an AbortSignal that `interrupt` aborts, or, without one, SIGINT/SIGTERM to this process (only
 * for the duration of `body`: before and after it, Ctrl-C ends the process as usual).
 */
async function interruptible<T>(
  body: (signal: AbortSignal) => Promise<T>,
  interrupt: AbortSignal | undefined,
): Promise<{ value: T; interrupted: boolean }> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  if (interrupt === undefined) {
    process.once("SIGINT", stop).once("SIGTERM", stop);
  } else if (interrupt.aborted) {
    stop();
  } else {
    interrupt.addEventListener("abort", stop, { once: true });
  }
  try {
    return { value: await body(controller.signal), interrupted: controller.signal.aborted };
  } finally {
    process.off("SIGINT", stop).off("SIGTERM", stop);
    interrupt?.removeEventListener("abort", stop);
  }
}

/**
 * A run's settings, with prettier's configs read afresh: prettier caches every config it has found, and a run
 * (the next one of --watch, or another run in the same process) must see the files as they are now, as a new
 * process would. prettier is loaded here only when the run formats, and then the run loads it anyway.
 */
async function freshSettings(load: () => Promise<RunSettings>): Promise<RunSettings> {
  const settings = await load();
  if (settings.options.prettier !== false) {
    await (await import("prettier")).clearConfigCache();
  }
  return settings;
}

/** commander prints help, versions and its own errors to the run's streams, not the process's. */
function outputTo(io: CliIo) {
  const env = io.env ?? {};
  // commander's own default: the terminal's width on a TTY, else 80.
  const width = (stream: OutputStream) =>
    (stream.isTTY === true ? stream.columns : undefined) ?? 80;
  return {
    writeOut: (text: string) => void io.stdout.write(text),
    writeErr: (text: string) => void io.stderr.write(text),
    getOutHelpWidth: () => width(io.stdout),
    getErrHelpWidth: () => width(io.stderr),
    getOutHasColors: () => colorsEnabled(io.stdout, env),
    getErrHasColors: () => colorsEnabled(io.stderr, env),
  };
}

export function buildProgram(io: CliIo, onRun: (exitCode: number) => void): Command {
  const streams = { stdout: io.stdout, stderr: io.stderr, env: io.env ?? {} };
  const program = new Command("structgen")
    .configureOutput(outputTo(io))
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
    const staged = flags["staged"] === true;
    if (staged && flags["check"] !== true) {
      throw new UsageError("--staged judges what a commit would hold: use it with --check");
    }
    const reporter = new Reporter(
      { quiet: flags["quiet"] === true, json: flags["json"] === true, jsonLines: watching },
      streams,
    );
    const load = () => freshSettings(() => generateSettings(inputs, flags, io.cwd));
    // Loaded on use, so that --help and --version do not pay for the compiler and prettier (generate-command
    // itself loads them only when something must be emitted).
    const generate = async (settings: RunSettings, signal: AbortSignal) =>
      (await import("./generate-command.js")).runGenerate(
        settings,
        { check: flags["check"] === true, force: flags["force"] === true, staged, signal },
        reporter,
      );
    const { value, interrupted } = await interruptible(async (signal) => {
      if (watching) {
        return (await import("./watch.js")).runWatch(load, reporter, signal);
      }
      if (!staged) {
        return generate(await load(), signal);
      }
      // git's environment is the process's (PATH, GIT_INDEX_FILE in a hook), with the run's over it.
      const env = { ...process.env, ...io.env };
      return (await import("./staged.js")).inStagedTree(io.cwd, env, async (tree) =>
        generate(
          await freshSettings(() => generateSettings(inputs, flags, tree.cwd, tree)),
          signal,
        ),
      );
    }, io.signal);
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
    const { config } = await loadRunConfig(flags, io.cwd);
    const fromConfig = Object.fromEntries(
      VALIDATE_OPTIONS.flatMap((row) =>
        config[row.key] === undefined ? [] : [[row.key, config[row.key]]],
      ),
    );
    const options = { ...fromConfig, ...flagOptions(flags, VALIDATE_OPTIONS) };
    const reporter = new Reporter(
      { quiet: flags["quiet"] === true, json: flags["json"] === true },
      streams,
    );
    const { runValidate } = await import("./validate-command.js");
    onRun(await runValidate(document, data, options, reporter, io.cwd));
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

/** Runs the CLI with `argv` (without node and the script) and returns the exit code; never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`structgen: ${error.message}\n`);
      return EXIT_USAGE;
    }
    // A bug, not a user's mistake: one line naming it, never a stack trace; nothing was written (writes are atomic).
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `structgen: internal error: ${message.split("\n")[0]}; this is a bug in structgen, please report it\n`,
    );
    return EXIT_INVALID;
  }
  return exitCode;
}
