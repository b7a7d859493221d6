/** The reader: strict JSON with positions; every problem is a positioned diagnostic, never an exception. */
import { describe, expect, it } from "vitest";
import { DiagnosticSink } from "../../src/model/diagnostics.js";
import { readSource } from "../../src/read/source.js";
import { liveHeapBytes } from "../helpers/heap.js";

function read(text: string | Uint8Array) {
  const sink = new DiagnosticSink("doc.json");
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  const source = readSource("doc.json", bytes, sink);
  return {
    source,
    diagnostics: sink.items.map(({ code, pointer, line, column }) => ({
      code,
      pointer,
      line,
      column,
    })),
  };
}

describe("readSource", () => {
  const failures: [
    string,
    string | Uint8Array,
    { code: string; line?: number; column?: number },
  ][] = [
    ["empty file", "", { code: "SG_EMPTY_INPUT" }],
    ["whitespace only", "  \n\t ", { code: "SG_EMPTY_INPUT" }],
    ["trailing comma", '{\n  "a": 1,\n}', { code: "SG_JSON_SYNTAX", line: 3, column: 1 }],
    ["comment", '{\n  // hi\n  "a": 1\n}', { code: "SG_JSON_SYNTAX", line: 2, column: 3 }],
    [
      "unterminated string (positioned at its opening quote)",
      '{"a": "b',
      { code: "SG_JSON_SYNTAX", line: 1, column: 7 },
    ],
    ["two values", "{} {}", { code: "SG_JSON_SYNTAX", line: 1, column: 4 }],
    ["single quotes", "{'a': 1}", { code: "SG_JSON_SYNTAX", line: 1, column: 2 }],
    ["invalid UTF-8", new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), { code: "SG_INVALID_UTF8" }],
    [
      "duplicate key",
      '{\n  "a": 1,\n  "a": 2\n}',
      { code: "SG_JSON_DUPLICATE_KEY", line: 3, column: 3 },
    ],
  ];

  it.each(failures)("rejects %s with a positioned diagnostic", (_name, text, want) => {
    const { diagnostics } = read(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject(want);
  });

  it("accepts a UTF-8 byte order mark and counts columns after it", () => {
    const { source, diagnostics } = read('\uFEFF{\n  "a": true\n}');
    expect(diagnostics).toEqual([]);
    expect(source?.value).toEqual({ a: true });
    expect(source?.locate("/a")).toEqual({ line: 2, column: 8 });
  });

  it("locates nested pointers, escaped keys and array items; unknown pointers fall back to the parent", () => {
    const { source } = read('{\n  "a/b": [\n    1,\n    {"~k": null}\n  ]\n}');
    expect(source?.locate("")).toEqual({ line: 1, column: 1 });
    expect(source?.locate("/a~1b")).toEqual({ line: 2, column: 10 });
    expect(source?.locate("/a~1b/1/~0k")).toEqual({ line: 4, column: 12 });
    expect(source?.locate("/a~1b/1/missing")).toEqual({ line: 4, column: 5 });
  });

  it("counts lines for CRLF and lone CR line endings", () => {
    expect(read('{\r\n"a": 1,\r\n}').diagnostics[0]).toMatchObject({ line: 3, column: 1 });
    expect(read('{\r"a": 1,\r}').diagnostics[0]).toMatchObject({ line: 3, column: 1 });
  });

  it('keeps "__proto__" as an own data key, not the prototype', () => {
    const { source } = read('{"__proto__": {"polluted": true}}');
    const value = source?.value as Record<string, unknown>;
    expect(Object.hasOwn(value, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("what a read document keeps alive", () => {
  it("a string value kept from a document does not keep the document's text alive", () => {
    // 40 documents of about 1 MB each; only one short-ish value of each (long enough to be a V8 slice) is kept.
    const padding = "x".repeat(1 << 20);
    const before = liveHeapBytes();
    const kept: string[] = [];
    for (let i = 0; i < 40; i++) {
      const { source } = read(
        `{"name": "letta-run-${String(i).padStart(5, "0")}", "filler": "${padding}"}`,
      );
      const value = source?.value as { name: string } | undefined;
      kept.push(value?.name ?? "");
    }
    const retained = liveHeapBytes() - before;
    expect(kept[39]).toBe("letta-run-00039");
    // The texts would be 40 MB; what is kept is 40 short strings (the bound leaves room for unrelated noise).
    expect(retained).toBeLessThan(8 << 20);
  });
});

describe("firstInvalidUtf8", () => {
  const table: [string, number[], number | undefined][] = [
    ["ASCII", [0x61, 0x62], undefined],
    ["two-byte é", [0xc3, 0xa9], undefined],
    ["four-byte emoji", [0xf0, 0x9f, 0x98, 0x80], undefined],
    ["lone continuation byte", [0x61, 0x80], 1],
    ["0xff", [0x61, 0x62, 0xff], 2],
    ["overlong slash", [0xc0, 0xaf], 0],
    ["overlong three-byte", [0xe0, 0x80, 0xaf], 0],
    ["UTF-16 surrogate", [0xed, 0xa0, 0x80], 0],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["truncated sequence", [0x61, 0xe2, 0x82], 1],
  ];
  it.each(table)("%s", async (_name, bytes, want) => {
    const { firstInvalidUtf8 } = await import("../../src/read/source.js");
    expect(firstInvalidUtf8(new Uint8Array(bytes))).toBe(want);
    // The reference: a fatal decoder rejects exactly the inputs with an invalid offset.
    const decodes = (() => {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
        return true;
      } catch {
        return false;
      }
    })();
    expect(decodes).toBe(want === undefined);
  });

  it("positions invalid UTF-8 at the line and column of the bad byte", () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{\n  "é": "a'),
      0xff,
      ...new TextEncoder().encode('"\n}'),
    ]);
    expect(read(bytes).diagnostics).toEqual([
      { code: "SG_INVALID_UTF8", pointer: "", line: 2, column: 10 },
    ]);
  });

  it("positions an empty file at 1:1", () => {
    expect(read("").diagnostics).toEqual([
      { code: "SG_EMPTY_INPUT", pointer: "", line: 1, column: 1 },
    ]);
  });
});
