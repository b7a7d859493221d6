/**
 * The fast path of the format stage: plan each file (printed here, or pieces for prettier), have prettier format
 * the pieces of a whole run in few calls, and put each file together. prettier's fixed cost per call (option
 * normalization) is larger than formatting one statement, so pieces go in batches, and pieces seen before (the
 * runtime helpers repeated in every guards file) are remembered.
 */
import { randomBytes } from "node:crypto";
import { Unsupported } from "./tokens.js";
import { printJson } from "./json.js";
import { type Piece, splitAndPrint } from "./typescript.js";
import type { FastStyle } from "./style.js";

export type FastPlan =
  | { readonly kind: "done"; readonly contents: string }
  | {
      readonly kind: "pieces";
      readonly pieces: readonly Piece[];
      readonly blankBefore: readonly boolean[];
    };

/**
 * How a file will be formatted on the fast path, or undefined when prettier formats the whole file. `known`:
 * statements already formatted at this style, by source text (see splitAndPrint).
 */
export function planFast(
  path: string,
  contents: string,
  style: FastStyle,
  known?: ReadonlyMap<string, string>,
): FastPlan | undefined {
  if (/\.json$/.test(path)) {
    try {
      return { kind: "done", contents: printJson(contents, style) };
    } catch (error) {
      if (error instanceof Unsupported) {
        return undefined;
      }
      throw error;
    }
  }
  if (!/\.[mc]?ts$/.test(path)) {
    return undefined;
  }
  const { pieces, blankBefore } = splitAndPrint(path, contents, style, known);
  return pieces.length === 0 ? undefined : { kind: "pieces", pieces, blankBefore };
}

/** The pieces prettier must format. */
export function sourcesOf(plan: FastPlan | undefined): Source[] {
  return plan?.kind === "pieces"
    ? plan.pieces.flatMap((piece) => ("source" in piece ? [piece] : []))
    : [];
}

type Source = { readonly source: string; readonly alone: boolean };

/** The file, from its plan and prettier's output for its pieces; undefined when a piece could not be formatted. */
export function assemble(
  plan: FastPlan,
  formatted: ReadonlyMap<string, string>,
): string | undefined {
  if (plan.kind === "done") {
    return plan.contents;
  }
  const texts: string[] = [];
  for (const [index, piece] of plan.pieces.entries()) {
    const text = "printed" in piece ? piece.printed : formatted.get(piece.source);
    if (text === undefined) {
      return undefined;
    }
    texts.push(index > 0 && plan.blankBefore[index - 1] === true ? `\n${text}` : text);
  }
  return `${texts.join("\n")}\n`;
}

type Format = (text: string) => Promise<string>;

const remembered = new Map<string, string>();
/** Bounded, so that a long watch session does not grow it without end. */
const MAX_REMEMBERED = 2000;
/** Source characters per prettier call: large enough to spread its fixed cost, small enough to keep its trees small. */
const BATCH_CHARS = 200_000;

/**
 * prettier's output for each source (without the final newline), by source; sources prettier rejects are missing.
 * `configKey` names the config, since the remembered outputs depend on it.
 */
export async function formatSources(
  sources: readonly Source[],
  configKey: string,
  format: Format,
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const pending: string[] = [];
  const alone: string[] = [];
  const seen = new Set<string>();
  for (const { source, alone: byItself } of sources) {
    const known = remembered.get(`${configKey}\u0000${source}`);
    if (known !== undefined) {
      result.set(source, known);
    } else if (!seen.has(source)) {
      seen.add(source);
      (byItself ? alone : pending).push(source);
    }
  }
  await formatBatch(alone, format, result, false);
  for (let start = 0; start < pending.length;) {
    let end = start;
    for (
      let size = 0;
      end < pending.length && (end === start || size + pending[end]!.length <= BATCH_CHARS);
      end++
    ) {
      size += pending[end]!.length;
    }
    await formatBatch(pending.slice(start, end), format, result, true);
    start = end;
  }
  for (const source of pending.concat(alone)) {
    const formatted = result.get(source);
    if (formatted !== undefined) {
      remember(`${configKey}\u0000${source}`, formatted);
    }
  }
  return result;
}

function remember(key: string, formatted: string): void {
  if (remembered.size >= MAX_REMEMBERED) {
    remembered.delete(remembered.keys().next().value!);
  }
  remembered.set(key, formatted);
}

/**
 * Formats several top-level statements in one prettier call, separated by a marker comment that prettier keeps
 * on its own line between blank lines and that cannot occur in them (it is random); one at a time if that fails.
 */
async function formatBatch(
  sources: readonly string[],
  format: Format,
  into: Map<string, string>,
  together: boolean,
): Promise<void> {
  const marker = `// structgen-piece-${randomBytes(8).toString("hex")}`;
  const separator = `\n\n${marker}\n\n`;
  try {
    if (!together || sources.length < 2) {
      throw new Error("one at a time");
    }
    const parts = (await format(sources.join(separator))).replace(/\n$/, "").split(separator);
    if (parts.length === sources.length) {
      sources.forEach((source, index) => into.set(source, parts[index]!));
      return;
    }
  } catch {
    // One of them does not parse alone or together: find out which, one at a time.
  }
  for (const source of sources) {
    try {
      into.set(source, (await format(source)).replace(/\n$/, ""));
    } catch {
      // Left missing: the file is then formatted whole, which reports the error.
    }
  }
}
