/**
 * Stage 1, read: bytes -> JSON value plus a pointer -> line/column locator.
 * jsonc-parser keeps offsets for every node; we run it in strict JSON mode (no comments, no trailing commas)
 * and add what it does not check: UTF-8 validity, duplicate keys, and a nesting limit (MAX_DEPTH), checked by
 * an iterative token scan before jsonc-parser, which recurses once per level, ever sees the text. Nothing here
 * recurses, and time and memory grow linearly with the input.
 */
import {
  createScanner,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from "jsonc-parser";
import { type DiagnosticSink, type Locator } from "../model/diagnostics.js";
import { appendPointer } from "../model/pointer.js";

/**
 * Arrays and objects nested deeper than this are refused (SG_TOO_DEEP) rather than read: real documents nest a
 * few dozen levels, and every later stage (the Core reader, the emitters, the TypeScript printer, prettier)
 * walks nested types recursively. Prettier overflows its stack formatting the schema of a Core document of
 * about 200 nested object types (JSON depth ~400); 256 keeps every accepted document well inside that.
 */
export const MAX_DEPTH = 256;

type Position = { line: number; column: number };

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

/** A JSON object (not an array, not null). */
export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A JSON array, typed as one (`Array.isArray` alone narrows to `any[]`). */
export function isArrayValue(value: JsonValue | undefined): value is readonly JsonValue[] {
  return Array.isArray(value);
}

/** Own keys only: a `__proto__` or `constructor` key in a schema is data. */
export function own(object: JsonObject, key: string): JsonValue | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Whether text holds a lone surrogate (a JSON `\ud800` escape with no pair): such a key cannot be written as
 * UTF-8, and ajv cannot compile a schema that names it ("URI malformed"), so no declared key may hold one.
 */
export function hasLoneSurrogate(text: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

/** What a JSON value is, for messages: "nothing", "null", "an array", "a string", ... */
export function describeJson(value: JsonValue | undefined): string {
  if (value === undefined) {
    return "nothing";
  }
  if (value === null) {
    return "null";
  }
  return Array.isArray(value)
    ? "an array"
    : typeof value === "object"
      ? "an object"
      : `a ${typeof value}`;
}

export interface SourceDocument {
  readonly file: string;
  readonly value: JsonValue;
  readonly locate: Locator;
}

const BOM = "\uFEFF";

/** Decodes bytes as strict UTF-8 and parses them; every problem becomes a positioned diagnostic. */
export function readSource(
  file: string,
  bytes: Uint8Array,
  sink: DiagnosticSink,
): SourceDocument | undefined {
  const invalidAt = firstInvalidUtf8(bytes);
  if (invalidAt !== undefined) {
    // Position the error by the valid text before the bad byte.
    const before = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
      bytes.subarray(0, invalidAt),
    );
    const position = offsetToPosition(computeLineStarts(before), before.length);
    const byte = (bytes[invalidAt] ?? 0).toString(16).padStart(2, "0");
    sink.errorAt(
      "SG_INVALID_UTF8",
      "",
      `the file is not valid UTF-8 text (byte 0x${byte} at byte offset ${invalidAt})`,
      position,
    );
    return undefined;
  }
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return parseSourceText(file, text, sink);
}

export function parseSourceText(
  file: string,
  rawText: string,
  sink: DiagnosticSink,
): SourceDocument | undefined {
  // A BOM is legal at the start of a UTF-8 file; columns are counted after it.
  const text = rawText.startsWith(BOM) ? rawText.slice(1) : rawText;
  const lineStarts = computeLineStarts(text);
  const positionOf = (offset: number) => offsetToPosition(lineStarts, offset);
  if (text.trim() === "") {
    const message = text === "" ? "the file is empty" : "the file holds only whitespace";
    sink.errorAt("SG_EMPTY_INPUT", "", message, { line: 1, column: 1 });
    return undefined;
  }
  const tooDeep = firstTooDeep(text);
  if (tooDeep !== undefined) {
    const message = `arrays and objects are nested more than ${MAX_DEPTH} levels deep; structgen reads at most ${MAX_DEPTH}`;
    sink.errorAt("SG_TOO_DEEP", tooDeep.pointer, message, positionOf(tooDeep.offset));
    return undefined;
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  if (errors.length > 0 || root === undefined) {
    const first = errors[0];
    const offset = first?.offset ?? 0;
    sink.setLocator(() => positionOf(offset));
    const what = first ? describeParseError(printParseErrorCode(first.error)) : "unreadable JSON";
    sink.error("SG_JSON_SYNTAX", "", `malformed JSON: ${what}`);
    return undefined;
  }
  const value = toValue(root, sink, positionOf);
  const locate = treeLocator(root, positionOf);
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

/** A value being built: the container node, the values of its children so far, and (objects) their keys. */
interface Frame {
  readonly node: Node;
  readonly parent: Frame | undefined;
  /** This value's pointer segment inside its parent (a key or an index). */
  readonly segment: string | number;
  readonly values: JsonValue[];
  /** Objects only: the keys of `values`, and the same as a set (to find repeated keys). */
  readonly keys: string[];
  readonly seen: Set<string> | undefined;
  next: number;
  pointer?: string;
}

/**
 * The JSON value of a parse tree, built with an explicit stack (no recursion, so depth costs no call stack).
 * A key repeated in one object is an error at its second copy; the first value is kept.
 */
function toValue(
  root: Node,
  sink: DiagnosticSink,
  positionOf: (offset: number) => Position,
): JsonValue {
  const frame = (node: Node, parent: Frame | undefined, segment: string | number): Frame => ({
    node,
    parent,
    segment,
    values: [],
    keys: [],
    seen: node.type === "object" ? new Set() : undefined,
    next: 0,
  });
  if (root.type !== "object" && root.type !== "array") {
    return scalarOf(root);
  }
  const stack: Frame[] = [frame(root, undefined, "")];
  for (;;) {
    const top = stack[stack.length - 1] as Frame;
    const child = top.node.children?.[top.next++];
    if (child === undefined) {
      stack.pop();
      // fromEntries defines own data properties, so a "__proto__" key stays data.
      const value =
        top.node.type === "array"
          ? top.values
          : Object.fromEntries(top.keys.map((key, i) => [key, top.values[i] ?? null]));
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        return value;
      }
      parent.values.push(value);
      continue;
    }
    let valueNode: Node | undefined = child;
    let segment: string | number = top.next - 1;
    if (top.seen !== undefined) {
      const [keyNode, propertyValue] = child.children ?? [];
      if (keyNode === undefined || propertyValue === undefined) {
        continue;
      }
      const key = String(keyNode.value);
      if (top.seen.has(key)) {
        const message = `duplicate key ${JSON.stringify(key)}: JSON readers disagree on which value wins`;
        sink.errorAt(
          "SG_JSON_DUPLICATE_KEY",
          appendPointer(pointerOf(top), key),
          message,
          positionOf(keyNode.offset),
        );
        continue;
      }
      top.seen.add(key);
      top.keys.push(key);
      valueNode = propertyValue;
      segment = key;
    }
    if (valueNode.type === "object" || valueNode.type === "array") {
      stack.push(frame(valueNode, top, segment));
    } else {
      top.values.push(scalarOf(valueNode));
    }
  }
}

function scalarOf(node: Node): JsonValue {
  switch (node.type) {
    case "string":
      return detached(node.value as string);
    case "number":
    case "boolean":
    case "null":
      return node.value as JsonValue;
    default:
      return null;
  }
}

/**
 * A copy of a string that does not share its characters with the text it was cut from. jsonc-parser's values are
 * substrings of the whole input text, and V8 keeps a long substring as a slice of its parent: one name kept in a
 * model (or in the run's report) would otherwise keep the whole document's text alive until the run ends.
 * Concatenation then slicing makes V8 copy the characters into a string of their own.
 */
function detached(value: string): string {
  return ` ${value}`.slice(1);
}

/** A frame's JSON pointer, computed only when a diagnostic needs it and then kept. */
function pointerOf(frame: Frame): string {
  const unknown: Frame[] = [];
  for (let f: Frame | undefined = frame; f !== undefined && f.pointer === undefined; f = f.parent) {
    unknown.push(f);
  }
  for (const f of unknown.reverse()) {
    f.pointer = f.parent === undefined ? "" : appendPointer(f.parent.pointer ?? "", f.segment);
  }
  return frame.pointer ?? "";
}

/**
 * Pointer -> position, by walking the parse tree on demand (a pointer that goes nowhere stops at the deepest
 * value it reaches). Object keys are indexed the first time an object is walked through; the first copy of a
 * repeated key is the one that counts, as in the value.
 */
function treeLocator(root: Node, positionOf: (offset: number) => Position): Locator {
  const keyIndex = new WeakMap<Node, Map<string, Node>>();
  const childOf = (node: Node, segment: string): Node | undefined => {
    if (node.type === "array") {
      return /^(0|[1-9][0-9]*)$/.test(segment) ? node.children?.[Number(segment)] : undefined;
    }
    if (node.type !== "object") {
      return undefined;
    }
    let keys = keyIndex.get(node);
    if (keys === undefined) {
      keys = new Map();
      for (const [keyNode, valueNode] of (node.children ?? []).map(
        (property) => property.children ?? [],
      )) {
        const key = String(keyNode?.value);
        if (valueNode !== undefined && !keys.has(key)) {
          keys.set(key, valueNode);
        }
      }
      keyIndex.set(node, keys);
    }
    return keys.get(segment);
  };
  return (pointer) => {
    let node = root;
    if (pointer.startsWith("/")) {
      for (const raw of pointer.slice(1).split("/")) {
        const child = childOf(node, raw.replace(/~1/g, "/").replace(/~0/g, "~"));
        if (child === undefined) {
          break;
        }
        node = child;
      }
    }
    return positionOf(node.offset);
  };
}

/** jsonc-parser's token kinds (a const enum, so not importable under isolatedModules). */
const TOKEN = {
  openBrace: 1,
  closeBrace: 2,
  openBracket: 3,
  closeBracket: 4,
  comma: 5,
  string: 10,
  eof: 17,
} as const;

/**
 * The first array or object nested deeper than MAX_DEPTH, by one iterative pass over the tokens, or undefined.
 * jsonc-parser (and every stage after the reader) recurses per level of nesting, so this runs first.
 */
function firstTooDeep(text: string): { offset: number; pointer: string } | undefined {
  interface Level {
    readonly array: boolean;
    index: number;
    key: string;
    expectKey: boolean;
  }
  const levels: Level[] = [];
  const scanner = createScanner(text, true);
  for (
    let token = scanner.scan() as number;
    token !== TOKEN.eof;
    token = scanner.scan() as number
  ) {
    const top = levels[levels.length - 1];
    if (token === TOKEN.openBrace || token === TOKEN.openBracket) {
      if (levels.length === MAX_DEPTH) {
        const pointer = levels.reduce(
          (at, level) => appendPointer(at, level.array ? level.index : level.key),
          "",
        );
        return { offset: scanner.getTokenOffset(), pointer };
      }
      levels.push({ array: token === TOKEN.openBracket, index: 0, key: "", expectKey: true });
    } else if (token === TOKEN.closeBrace || token === TOKEN.closeBracket) {
      levels.pop();
    } else if (token === TOKEN.comma && top !== undefined) {
      top.index += 1;
      top.expectKey = true;
    } else if (token === TOKEN.string && top !== undefined && !top.array && top.expectKey) {
      top.key = scanner.getTokenValue();
      top.expectKey = false;
    }
  }
  return undefined;
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

function offsetToPosition(
  lineStarts: readonly number[],
  offset: number,
): { line: number; column: number } {
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

/**
 * The byte offset of the first byte that does not start or continue a well-formed UTF-8 sequence (RFC 3629:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or undefined when the bytes are valid.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i] ?? 0;
    if (b0 < 0x80) {
      i += 1;
      continue;
    }
    const [length, min, max] =
      b0 >= 0xc2 && b0 <= 0xdf
        ? [2, 0x80, 0xbf]
        : b0 === 0xe0
          ? [3, 0xa0, 0xbf]
          : b0 === 0xed
            ? [3, 0x80, 0x9f]
            : b0 >= 0xe1 && b0 <= 0xef
              ? [3, 0x80, 0xbf]
              : b0 === 0xf0
                ? [4, 0x90, 0xbf]
                : b0 === 0xf4
                  ? [4, 0x80, 0x8f]
                  : b0 >= 0xf1 && b0 <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : [0, 0, 0];
    if (length === 0) {
      return i;
    }
    // The second byte has the tightest range; the others are plain continuation bytes.
    for (let k = 1; k < length; k++) {
      const b = bytes[i + k];
      const [low, high] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (b === undefined || b < low || b > high) {
        return i;
      }
    }
    i += length;
  }
  return undefined;
}
