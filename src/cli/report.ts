/**
 * The CLI's voice: diagnostics and problems on stderr, the one summary line on stdout (stderr when it reports a
 * failure), `--json` reports on stdout, `--quiet` keeping only diagnostics and failures.
 */
import type { Diagnostic } from "../model/diagnostics.js";
import {
  colorsEnabled,
  type OutputStream,
  type Paint,
  paint,
  Progress,
  renderDiagnostic,
} from "./terminal.js";

export interface ReportFlags {
  readonly quiet: boolean;
  readonly json: boolean;
  /** One compact JSON object per line instead of one pretty report (for --watch). */
  readonly jsonLines?: boolean;
}

/** Where a run reports, and the environment that decides its colours. */
export interface Streams {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: NodeJS.ProcessEnv;
}

export class Reporter {
  private readonly out: Paint;
  private readonly err: Paint;

  constructor(
    readonly flags: ReportFlags,
    private readonly streams: Streams,
  ) {
    this.out = paint(colorsEnabled(streams.stdout, streams.env));
    this.err = paint(colorsEnabled(streams.stderr, streams.env));
  }

  /** A progress line on stderr for this run: only on a TTY that understands cursor control, never with --json or --quiet. */
  progress(): Progress {
    const enabled =
      this.streams.stderr.isTTY === true &&
      this.streams.env["TERM"] !== "dumb" &&
      !this.flags.json &&
      !this.flags.quiet;
    return new Progress(this.streams.stderr, enabled);
  }

  diagnostics(diagnostics: readonly Diagnostic[]): void {
    if (this.flags.json) {
      return;
    }
    for (const diagnostic of diagnostics) {
      // A note (which reading a document got) is not a problem: --quiet keeps only problems.
      if (!(this.flags.quiet && diagnostic.severity === "info")) {
        this.streams.stderr.write(`${renderDiagnostic(diagnostic, this.err)}\n`);
      }
    }
  }

  /** Lines naming problems (stale or missing outputs): stderr, even under --quiet. */
  problems(lines: readonly string[]): void {
    if (this.flags.json) {
      return;
    }
    for (const line of lines) {
      this.streams.stderr.write(`${this.err.red(line)}\n`);
    }
  }

  /** The run's one summary line, or its JSON report. A failed run's summary goes to stderr and survives --quiet. */
  finish(data: Record<string, unknown>, summary: string | undefined, failed = false): void {
    if (this.flags.json) {
      this.streams.stdout.write(
        `${this.flags.jsonLines === true ? JSON.stringify(data) : JSON.stringify(data, null, 2)}\n`,
      );
    } else if (summary !== undefined && (!this.flags.quiet || failed)) {
      const stream = failed ? this.streams.stderr : this.streams.stdout;
      const colors = failed ? this.err : this.out;
      stream.write(`${failed ? colors.red(summary) : colors.green(summary)}\n`);
    }
  }

  /** Status for people (watch mode): stderr, not under --quiet or --json. */
  info(text: string): void {
    if (!this.flags.quiet && !this.flags.json) {
      this.streams.stderr.write(`${this.err.dim(text)}\n`);
    }
  }
}
