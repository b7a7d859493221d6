/**
 * Fuzzing material: real documents to start from (the fixtures and ../shared/corpus), mutations of their bytes
 * and of their JSON (byte flips, truncation, renamed keys, values swapped for other types, repeated keys), and
 * arbitraries for documents shaped like flat summaries and like JSON Structure Core.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { REPO_ROOT } from "./fixtures.js";

export interface Seed {
  readonly path: string;
  readonly bytes: Uint8Array;
}

const SHARED_CORPUS = join(REPO_ROOT, "..", "shared", "corpus");

function jsonFilesUnder(dir: string, limit: number): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  const found: string[] = [];
  const pending = [dir];
  while (pending.length > 0 && found.length < limit) {
    const current = pending.shift() ?? "";
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) {
        pending.push(path);
      } else if (
        /\.json$/.test(name) &&
        !/^expected/.test(name) &&
        statSync(path).size < 2_000_000
      ) {
        found.push(path);
      }
    }
  }
  return found.slice(0, limit);
}

/** Real documents of both dialects: every fixture input, and the shared corpus when it is there. */
export function seeds(): Seed[] {
  const roots = ["flat", "core", "cli", "errors"].map((dialect) =>
    join(REPO_ROOT, "fixtures", dialect),
  );
  // Sample instances (fixtures/*/<case>/samples/) are data, not documents.
  const files = [
    ...roots.flatMap((root) => jsonFilesUnder(root, 400)),
    ...jsonFilesUnder(SHARED_CORPUS, 200),
  ].filter((path) => !/[/\\]samples[/\\](valid|invalid)[/\\]/.test(path));
  return files.map((path) => ({ path, bytes: readFileSync(path) }));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every container path in `value` (iteratively), root first. */
function containerPaths(value: Json): (string | number)[][] {
  const paths: (string | number)[][] = [];
  const pending: { value: Json; path: (string | number)[] }[] = [{ value, path: [] }];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === undefined || typeof next.value !== "object" || next.value === null) {
      continue;
    }
    paths.push(next.path);
    const entries: [string | number, Json][] = Array.isArray(next.value)
      ? next.value.map((v, i) => [i, v])
      : Object.entries(next.value);
    for (const [key, child] of entries) {
      pending.push({ value: child, path: [...next.path, key] });
    }
  }
  return paths;
}

function at(value: Json, path: readonly (string | number)[]): Json {
  let current: Json = value;
  for (const key of path) {
    current = (current as Record<string | number, Json>)[key] ?? null;
  }
  return current;
}

export type Mutation =
  | { readonly kind: "flip"; readonly position: number; readonly byte: number }
  | { readonly kind: "delete"; readonly position: number; readonly length: number }
  | { readonly kind: "insert"; readonly position: number; readonly bytes: readonly number[] }
  | { readonly kind: "truncate"; readonly position: number }
  | {
      readonly kind: "rename-key";
      readonly container: number;
      readonly key: number;
      readonly to: string;
    }
  | {
      readonly kind: "swap-type";
      readonly container: number;
      readonly key: number;
      readonly to: Json;
    }
  | {
      readonly kind: "repeat-key";
      readonly container: number;
      readonly key: number;
      readonly value: Json;
    }
  | { readonly kind: "crlf" };

const TOKENS = [
  '"',
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  "\\",
  "\u00e9",
  "\ud83d\ude00",
  "\u0000",
  "\r\n",
  "null",
  "1e999",
  "-0",
  "\uFEFF",
];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("flip" as const),
    position: fc.nat(),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant("delete" as const),
    position: fc.nat(),
    length: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    position: fc.nat(),
    bytes: fc.oneof(
      fc.constantFrom(...TOKENS).map((t) => [...new TextEncoder().encode(t)]),
      fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 6 }),
    ),
  }),
  fc.record({ kind: fc.constant("truncate" as const), position: fc.nat() }),
  fc.record({
    kind: fc.constant("rename-key" as const),
    container: fc.nat(),
    key: fc.nat(),
    to: fc.oneof(
      fc.constantFrom(
        "name",
        "type",
        "fields",
        "entity",
        "enum",
        "required",
        "$ref",
        "$extends",
        "$import",
        "properties",
        "definitions",
        "items",
        "values",
        "choices",
        "__proto__",
        "constructor",
        "",
      ),
      fc.string({ maxLength: 12 }),
    ),
  }),
  fc.record({
    kind: fc.constant("swap-type" as const),
    container: fc.nat(),
    key: fc.nat(),
    to: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  }),
  fc.record({
    kind: fc.constant("repeat-key" as const),
    container: fc.nat(),
    key: fc.nat(),
    value: fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>,
  }),
  fc.constant({ kind: "crlf" as const }),
);

/** Applies a mutation to a document's bytes (structural ones need the bytes to be JSON; otherwise they flip a byte). */
export function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const n = Math.max(bytes.length, 1);
  switch (m.kind) {
    case "flip": {
      const copy = Uint8Array.from(bytes);
      copy[m.position % n] = m.byte;
      return copy;
    }
    case "delete":
      return Uint8Array.from([
        ...bytes.subarray(0, m.position % n),
        ...bytes.subarray((m.position % n) + m.length),
      ]);
    case "insert":
      return Uint8Array.from([
        ...bytes.subarray(0, m.position % (n + 1)),
        ...m.bytes,
        ...bytes.subarray(m.position % (n + 1)),
      ]);
    case "truncate":
      return bytes.subarray(0, m.position % n);
    case "crlf":
      return new TextEncoder().encode(new TextDecoder().decode(bytes).replace(/\r?\n/g, "\r\n"));
    default:
      return mutateJson(bytes, m);
  }
}

function mutateJson(bytes: Uint8Array, m: Extract<Mutation, { container: number }>): Uint8Array {
  let value: Json;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, "")) as Json;
  } catch {
    return mutate(bytes, { kind: "flip", position: m.container, byte: m.key % 256 });
  }
  const containers = containerPaths(value);
  const path = containers[m.container % containers.length] ?? [];
  const container = at(value, path);
  if (typeof container !== "object" || container === null) {
    return bytes;
  }
  const keys = Array.isArray(container) ? container.map((_, i) => i) : Object.keys(container);
  const key = keys[m.key % Math.max(keys.length, 1)];
  const record = container as Record<string | number, Json>;
  if (key === undefined) {
    return bytes;
  }
  let text: string;
  if (m.kind === "swap-type") {
    record[key] = m.to;
    text = JSON.stringify(value, null, 2);
  } else if (m.kind === "rename-key" && !Array.isArray(container)) {
    const entries = Object.entries(container).map(([k, v]) => [k === key ? m.to : k, v] as const);
    // Rebuilt by hand so that a renamed "__proto__" stays a key, and a clash becomes a repeated key in the text.
    const inner = `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")}}`;
    text = path.length === 0 ? inner : replaceAt(value, path, inner);
  } else {
    const inner = Array.isArray(container)
      ? `[${[...container, m.kind === "repeat-key" ? m.value : null].map((v) => JSON.stringify(v)).join(", ")}]`
      : `{${[...Object.entries(container), [key, m.kind === "repeat-key" ? m.value : null] as const].map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")}}`;
    text = path.length === 0 ? inner : replaceAt(value, path, inner);
  }
  return new TextEncoder().encode(text);
}

/** The document as text with the container at `path` replaced by raw JSON text `inner`. */
function replaceAt(value: Json, path: readonly (string | number)[], inner: string): string {
  const marker = `\u0001structgen-fuzz-${Math.random().toString(36).slice(2)}\u0001`;
  const parent = at(value, path.slice(0, -1)) as Record<string | number, Json>;
  const last = path[path.length - 1] ?? "";
  const saved = parent[last] ?? null;
  parent[last] = marker;
  const text = JSON.stringify(value, null, 2).replace(JSON.stringify(marker), inner);
  parent[last] = saved;
  return text;
}

const anyJson = fc.jsonValue({ maxDepth: 3 });
const FLAT_TYPES = [
  "string",
  "number",
  "integer",
  "boolean",
  "object",
  "array",
  "array<string>",
  "array<integer>",
  "array<object>",
  "array<array<number>>",
  "strng",
  "String",
  "",
  "array<>",
  "map<string>",
];

/** Documents shaped like flat summaries, every key sometimes the wrong shape. */
export const flatLike: fc.Arbitrary<unknown> = fc.record(
  {
    jsonStructure: fc.oneof(fc.constant("0.1"), anyJson),
    name: fc.oneof(fc.string({ maxLength: 20 }), anyJson),
    title: fc.oneof(fc.string(), fc.constant(null), anyJson),
    description: fc.oneof(fc.string(), fc.constant(null)),
    source: fc.oneof(fc.webUrl(), fc.string()),
    entity: fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom("Run", "run", "123", "class", "__proto__"),
      anyJson,
    ),
    fields: fc.oneof(
      {
        weight: 5,
        arbitrary: fc.array(
          fc.oneof({ weight: 6, arbitrary: flatField() }, { weight: 1, arbitrary: anyJson }),
          { maxLength: 8 },
        ),
      },
      { weight: 1, arbitrary: anyJson },
    ),
    fieldCount: fc.oneof(fc.nat(10), anyJson),
  },
  { requiredKeys: ["jsonStructure", "fields"] },
);

function flatField(): fc.Arbitrary<unknown> {
  return fc.record(
    {
      name: fc.oneof(
        { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
        { weight: 1, arbitrary: anyJson },
      ),
      type: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...FLAT_TYPES) },
        { weight: 1, arbitrary: fc.oneof(fc.string(), anyJson) },
      ),
      required: fc.oneof(fc.boolean(), anyJson),
      description: fc.oneof(fc.string(), fc.constant(null), anyJson),
      enum: fc.oneof(
        fc.constant(null),
        fc.array(fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.double(), fc.boolean()), {
          maxLength: 5,
        }),
        anyJson,
      ),
      format: fc.oneof(
        fc.constantFrom("uuid", "date-time", "email", "uri", "x-custom", null),
        anyJson,
      ),
    },
    { requiredKeys: [] },
  );
}

const CORE_PRIMITIVES = [
  "string",
  "number",
  "integer",
  "boolean",
  "null",
  "int8",
  "int32",
  "int64",
  "uint64",
  "int128",
  "float",
  "double",
  "decimal",
  "date",
  "time",
  "datetime",
  "duration",
  "uuid",
  "uri",
  "binary",
  "jsonpointer",
  "any",
];
const NAMES = fc.constantFrom(
  "A",
  "B",
  "C",
  "Item",
  "Ns",
  "bad name",
  "1x",
  "__proto__",
  "constructor",
);
/** Keys that are also names on Object.prototype: a lookup table that is a plain object answers for them. */
const PROTOTYPE_KEYS = fc.constantFrom(
  "constructor",
  "toString",
  "__proto__",
  "hasOwnProperty",
  "valueOf",
  "isPrototypeOf",
);
const REF = fc.constantFrom(
  "#/definitions/A",
  "#/definitions/B",
  "#/definitions/Ns/C",
  "#/definitions/Missing",
  "#/properties/x",
  "A",
  "",
);

const { coreSchema } = fc.letrec<{ coreSchema: unknown }>((tie) => ({
  coreSchema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ type: fc.constantFrom(...CORE_PRIMITIVES) }),
    fc
      .tuple(
        fc.record({ type: fc.oneof(fc.constantFrom("string", "int32", "object"), PROTOTYPE_KEYS) }),
        fc.dictionary(PROTOTYPE_KEYS, anyJson, { maxKeys: 2 }),
      )
      .map(([schema, extra]) => ({ ...extra, ...schema })),
    fc.record(
      {
        type: fc.constant("object"),
        properties: fc.dictionary(NAMES, tie("coreSchema"), { maxKeys: 3 }),
        required: fc.oneof(fc.array(NAMES, { maxLength: 3 }), anyJson),
        additionalProperties: fc.oneof(fc.boolean(), tie("coreSchema")),
        abstract: fc.boolean(),
        $extends: fc.oneof(REF, fc.array(REF, { maxLength: 2 })),
      },
      { requiredKeys: ["type"] },
    ),
    fc.record(
      { type: fc.constantFrom("array", "set"), items: tie("coreSchema") },
      { requiredKeys: ["type"] },
    ),
    fc.record({ type: fc.constant("map"), values: tie("coreSchema") }, { requiredKeys: ["type"] }),
    fc.record({
      type: fc.constant("tuple"),
      properties: fc.dictionary(NAMES, tie("coreSchema"), { maxKeys: 2 }),
      tuple: fc.array(NAMES, { maxLength: 2 }),
    }),
    fc.record(
      {
        type: fc.constant("choice"),
        choices: fc.dictionary(NAMES, tie("coreSchema"), { maxKeys: 3 }),
        selector: fc.string({ maxLength: 5 }),
      },
      { requiredKeys: ["type", "choices"] },
    ),
    fc.record({ type: fc.record({ $ref: REF }) }),
    fc.record({
      type: fc.array(
        fc.oneof(fc.constantFrom("string", "null", "int32"), fc.record({ $ref: REF })),
        { maxLength: 3 },
      ),
    }),
    fc.record(
      {
        type: fc.constantFrom("string", "int32"),
        enum: anyJson,
        const: anyJson,
        maxLength: anyJson,
        minimum: anyJson,
        pattern: fc.string({ maxLength: 6 }),
      },
      { requiredKeys: ["type"] },
    ),
    anyJson.map((type) => ({ type })),
    anyJson,
  ),
}));

/** Documents shaped like JSON Structure Core: a root, definitions (some namespaces), refs that may go nowhere or loop. */
export const coreLike: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.record(
      {
        $schema: fc.constantFrom(
          "https://json-structure.org/meta/core/v0/#",
          "https://json-structure.org/meta/validation/v0/#",
          "nope",
        ),
        $id: fc.constantFrom("https://example.com/fuzz", ""),
        name: fc.constantFrom("Root", "A", "bad name"),
        $uses: fc.constantFrom(["JSONStructureValidation"], "x"),
        definitions: fc.dictionary(
          NAMES,
          fc.oneof(coreSchema, fc.dictionary(NAMES, coreSchema, { maxKeys: 2 })),
          { maxKeys: 4 },
        ),
        $root: REF,
      },
      { requiredKeys: ["$schema", "$id"] },
    ),
    fc.option(coreSchema, { nil: undefined }),
  )
  .map(([head, root]) =>
    typeof root === "object" && root !== null && !Array.isArray(root)
      ? { ...head, ...root }
      : { ...head, type: "object", properties: { x: { type: "string" } } },
  );
