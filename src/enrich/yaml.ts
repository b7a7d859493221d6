/**
 * Reads a YAML OpenAPI document into the same shape as a JSON one: a JSON value plus a pointer -> line/column
 * locator. The `yaml` package keeps every node's source range, and its LineCounter turns offsets into lines, so
 * spec diagnostics are positioned in YAML exactly as in JSON.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { DiagnosticSink, Locator } from "../model/diagnostics.js";
import { appendPointer } from "../model/pointer.js";
import type { JsonValue } from "../read/source.js";

export interface YamlSource {
  readonly value: JsonValue;
  readonly locate: Locator;
}

/** Parses YAML 1.2 (core schema: no timestamps or other non-JSON values); errors are positioned diagnostics. */
export function readYaml(text: string, sink: DiagnosticSink): YamlSource | undefined {
  const lineCounter = new LineCounter();
  // uniqueKeys: a repeated key is an error, as in strict JSON.
  const doc = parseDocument(text, {
    lineCounter,
    schema: "core",
    uniqueKeys: true,
    prettyErrors: false,
  });
  const problem = doc.errors[0];
  if (problem !== undefined) {
    const { line, col } = lineCounter.linePos(problem.pos[0]);
    sink.errorAt("SG_YAML_SYNTAX", "", `malformed YAML: ${problem.message.split("\n")[0]}`, {
      line,
      column: col,
    });
    return undefined;
  }
  let value: unknown;
  try {
    // maxAliasCount bounds alias expansion (a "billion laughs" document).
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    sink.errorAt(
      "SG_YAML_SYNTAX",
      "",
      `malformed YAML: ${(error as Error).message.split("\n")[0]}`,
      { line: 1, column: 1 },
    );
    return undefined;
  }
  const offsets = new Map<string, number>();
  collectOffsets(doc.contents, "", offsets);
  const locate: Locator = (pointer) => {
    const offset = offsets.get(pointer);
    if (offset === undefined) {
      return undefined;
    }
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return { value: value as JsonValue, locate };
}

/**
 * Records the start offset of every node under its JSON pointer. Iterative, with an explicit stack, so a deeply
 * nested document costs no call stack (the JSON reader keeps the same rule).
 */
function collectOffsets(root: unknown, rootPointer: string, offsets: Map<string, number>): void {
  const stack: { node: unknown; pointer: string }[] = [{ node: root, pointer: rootPointer }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop() as { node: unknown; pointer: string };
    const range = (node as Node | null)?.range;
    if (range !== undefined && range !== null && !offsets.has(pointer)) {
      offsets.set(pointer, range[0]);
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) {
          continue;
        }
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = appendPointer(pointer, key);
        stack.push({ node: pair.value, pointer: child });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) =>
        stack.push({ node: item, pointer: appendPointer(pointer, index) }),
      );
    }
    // An alias is not followed: its own position, recorded above, is where the reader should look.
  }
}
