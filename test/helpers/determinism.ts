/**
 * The determinism tests' corpus: every flat golden input (names are distinct) and a Core document whose text locales
 * treat differently, and the API's outputs for them, by path.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { OutputFile } from "../../src/emit/emitters.js";
import { generate, type InputDocument } from "../../src/pipeline/generate.js";
import { REPO_ROOT } from "./fixtures.js";

/** A Core document with definitions, a choice, a map, an enum and text that locales treat differently (Turkish I). */
const CORE_ORDER = {
  $schema: "https://json-structure.org/meta/core/v0/#",
  $id: "https://example.com/schemas/order",
  name: "Order",
  type: "object",
  description: "An order. Iİıi: Turkish casing must not matter; 2024-03-31T23:30:00Z is just text.",
  properties: {
    id: { type: "uuid" },
    zeta: { type: "string" },
    Items: { type: "array", items: { type: { $ref: "#/definitions/Item" } } },
    status: { type: "string", enum: ["open", "İptal", "closed", "INDEX", "ıd"] },
    tags: { type: "map", values: { type: "string" } },
    placed: { type: "datetime" },
    total: { type: "decimal" },
    payment: { type: { $ref: "#/definitions/Payment" } },
  },
  required: ["id", "Items"],
  definitions: {
    Item: {
      type: "object",
      properties: { sku: { type: "string" }, qty: { type: "int32" } },
      required: ["sku"],
    },
    Payment: {
      type: "choice",
      choices: {
        card: { type: "object", properties: { number: { type: "string" } } },
        cash: { type: "object", properties: { amount: { type: "number" } } },
      },
    },
  },
};

/** Every flat golden input (names are distinct) plus the Core document above, as repo-relative paths and text. */
function corpus(): { path: string; text: string }[] {
  const flat = readdirSync(join(REPO_ROOT, "fixtures", "flat"))
    .sort()
    .map((name) => `fixtures/flat/${name}/input.json`)
    .filter((path) => existsSync(join(REPO_ROOT, path)))
    .map((path) => ({ path, text: readFileSync(join(REPO_ROOT, path), "utf8") }));
  const unique = flat.filter(
    (doc, i) => flat.findIndex((other) => nameOf(other.text) === nameOf(doc.text)) === i,
  );
  return [
    ...unique,
    {
      path: "fixtures/determinism/order.struct.json",
      text: `${JSON.stringify(CORE_ORDER, null, 2)}\n`,
    },
  ];
}

export const DOCS = corpus();

export function byPath(files: readonly OutputFile[]): Record<string, string> {
  return Object.fromEntries(
    [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => [f.path, f.contents]),
  );
}

export async function run(
  inputs: readonly InputDocument[],
  prettier = true,
  outDir = ".",
): Promise<Record<string, string>> {
  const result = await generate({ inputs, outDir }, { prettier });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return byPath(result.files);
}

export const asInputs = (docs: readonly { path: string; text: string }[]) =>
  docs.map((d) => ({ path: d.path, contents: d.text }));

/** A flat summary's "name". */
function nameOf(text: string): unknown {
  return (JSON.parse(text) as { name?: unknown }).name;
}
