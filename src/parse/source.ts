/**
 * Stage 1, read: bytes -> JSON value plus a pointer -> line/column locator.
 * jsonc-parser keeps offsets for every node; we run it in strict JSON mode (no comments, no trailing commas)
 * and add what it does not check: UTF-8 validity and duplicate keys.
 */
import { type Node, type ParseError, parseTree, printParseErrorCode } from "jsonc-parser";
import { DiagnosticSink, type Locator } from "../diagnostics.js";
import { appendPointer } from "./pointer.js";

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

export interface SourceDocument {
  readonly file: string;
  readonly value: JsonValue;
  readonly locate: Locator;
}

const BOM = "\uFEFF";

/** Decodes bytes as strict UTF-8 and parses them; every problem becomes a positioned diagnostic. */
export function readSource(file: string, bytes: Uint8Array, sink: DiagnosticSink): SourceDocument | undefined {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    sink.error("SG_INVALID_UTF8", "", "the file is not valid UTF-8 text");
    return undefined;
  }
  return parseSourceText(file, text, sink);
}

export function parseSourceText(file: string, rawText: string, sink: DiagnosticSink): SourceDocument | undefined {
  // A BOM is legal at the start of a UTF-8 file; columns are counted after it.
  const text = rawText.startsWith(BOM) ? rawText.slice(1) : rawText;
  const lineStarts = computeLineStarts(text);
  const positionOf = (offset: number) => offsetToPosition(lineStarts, offset);
  if (text.trim() === "") {
    sink.error("SG_EMPTY_INPUT", "", text === "" ? "the file is empty" : "the file holds only whitespace");
    return undefined;
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0 || root === undefined) {
    const first = errors[0];
    const offset = first?.offset ?? 0;
    sink.setLocator(() => positionOf(offset));
    const what = first ? describeParseError(printParseErrorCode(first.error)) : "unreadable JSON";
    sink.error("SG_JSON_SYNTAX", "", `malformed JSON: ${what}`);
    return undefined;
  }
  const offsets = new Map<string, number>();
  const value = toValue(root, "", offsets, sink, positionOf);
  const locate: Locator = (pointer) => {
    const offset = nearestOffset(offsets, pointer);
    return offset === undefined ? undefined : positionOf(offset);
  };
  sink.setLocator(locate);
  return { file, value, locate };
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: "unexpected character",
    InvalidNumberFormat: "invalid number",
    PropertyNameExpected: "property name expected (keys must be double-quoted strings)",
    ValueExpected: "value expected",
    ColonExpected: "':' expected",
    CommaExpected: "',' expected",
    CloseBraceExpected: "'}' expected",
    CloseBracketExpected: "']' expected",
    EndOfFileExpected: "end of file expected (only one top-level value is allowed)",
    InvalidCommentToken: "comments are not allowed in JSON",
    UnexpectedEndOfComment: "comments are not allowed in JSON",
    UnexpectedEndOfString: "unterminated string",
    UnexpectedEndOfNumber: "unterminated number",
    InvalidUnicode: "invalid unicode escape",
    InvalidEscapeCharacter: "invalid escape character",
    InvalidCharacter: "invalid character in string",
  };
  return words[code] ?? code;
}

function toValue(
  node: Node,
  pointer: string,
  offsets: Map<string, number>,
  sink: DiagnosticSink,
  positionOf: (offset: number) => { line: number; column: number },
): JsonValue {
  offsets.set(pointer, node.offset);
  switch (node.type) {
    case "object": {
      const entries: [string, JsonValue][] = [];
      const seen = new Set<string>();
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (keyNode === undefined || valueNode === undefined) {
          continue;
        }
        const key = String(keyNode.value);
        const childPointer = appendPointer(pointer, key);
        if (seen.has(key)) {
          const message = `duplicate key ${JSON.stringify(key)}: JSON readers disagree on which value wins`;
          sink.errorAt("SG_JSON_DUPLICATE_KEY", childPointer, message, positionOf(keyNode.offset));
          continue;
        }
        seen.add(key);
        entries.push([key, toValue(valueNode, childPointer, offsets, sink, positionOf)]);
      }
      // fromEntries defines own data properties, so a "__proto__" key stays data.
      return Object.fromEntries(entries);
    }
    case "array":
      return (node.children ?? []).map((child, index) =>
        toValue(child, appendPointer(pointer, index), offsets, sink, positionOf),
      );
    case "string":
    case "number":
    case "boolean":
    case "null":
      return node.value as JsonValue;
    default:
      return null;
  }
}

function nearestOffset(offsets: Map<string, number>, pointer: string): number | undefined {
  let current = pointer;
  for (;;) {
    const offset = offsets.get(current);
    if (offset !== undefined || current === "") {
      return offset;
    }
    current = current.slice(0, current.lastIndexOf("/"));
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) {
      starts.push(i + 1);
    }
  }
  return starts;
}

function offsetToPosition(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}
