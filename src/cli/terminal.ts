/**
 * What the terminal gets: colours only on a TTY, never with NO_COLOR (https://no-color.org) or TERM=dumb; a
 * progress line only on a TTY, only once a run has taken long enough to be worth one, erased before the
 * summary; and diagnostics as `file:line:column: severity CODE: message`, coloured when colours are on.
 */
import { type Diagnostic, formatDiagnostic } from "../model/diagnostics.js";

export interface OutputStream {
  readonly isTTY?: boolean;
  /** The terminal's width, on a TTY (commander wraps the help to it). */
  readonly columns?: number;
  write(text: string): unknown;
}

export function colorsEnabled(stream: OutputStream, env: NodeJS.ProcessEnv): boolean {
  const noColor = env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "";
  return stream.isTTY === true && !noColor && env["TERM"] !== "dumb";
}

export interface Paint {
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly green: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
}

const sgr = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function paint(enabled: boolean): Paint {
  return enabled
    ? {
        red: sgr(31, 39),
        yellow: sgr(33, 39),
        green: sgr(32, 39),
        bold: sgr(1, 22),
        dim: sgr(2, 22),
      }
    : { red: plain, yellow: plain, green: plain, bold: plain, dim: plain };
}

/** formatDiagnostic, with the severity and code coloured; byte-identical to it when colours are off. */
export function renderDiagnostic(d: Diagnostic, colors: Paint): string {
  const text = formatDiagnostic(d);
  const marker = `: ${d.severity} ${d.code}:`;
  const at = text.indexOf(marker);
  if (at === -1) {
    return text;
  }
  const severity =
    d.severity === "error"
      ? colors.red(colors.bold(d.severity))
      : d.severity === "warning"
        ? colors.yellow(colors.bold(d.severity))
        : colors.dim(d.severity);
  return `${text.slice(0, at)}: ${severity} ${colors.dim(d.code)}:${text.slice(at + marker.length)}`;
}

/** A one-line progress indicator on a TTY; silent elsewhere and for runs shorter than `delayMs`. */
export class Progress {
  private drawn = false;
  private readonly started = performance.now();

  constructor(
    private readonly stream: OutputStream,
    private readonly enabled: boolean,
    private readonly delayMs = 250,
  ) {}

  update(text: string): void {
    if (!this.enabled || performance.now() - this.started < this.delayMs) {
      return;
    }
    this.stream.write(`\r\u001b[2K${text}`);
    this.drawn = true;
  }

  /** Erases the line, if one was drawn, so the next output starts at column 1. */
  clear(): void {
    if (this.drawn) {
      this.stream.write("\r\u001b[2K");
      this.drawn = false;
    }
  }
}
