/**
 * The layout of a JSON Structure conformance corpus (../shared/corpus/json-structure, see its INDEX.md): which
 * schemas must generate, which must be rejected, which instances must be accepted or rejected, and how SDK test
 * instances are prepared (`_`-prefixed keys stripped; `{"value": ...}` unwrapped when the root is not an object).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** generate: must generate; reject: must be refused with a diagnostic; either: must do one of the two. */
export type SchemaExpectation = "generate" | "reject" | "either";
export type InstanceExpectation = "valid" | "invalid" | "unknown";

export interface SchemaCase {
  /** Path relative to the corpus root, with forward slashes. */
  readonly id: string;
  readonly set: string;
  readonly file: string;
  readonly expect: SchemaExpectation;
  /** For the SDK's warning schemas: whether SG_EXTENSION_NOT_ENABLED must (true) or must not (false) appear. */
  readonly warns?: boolean;
}

export interface InstanceCase {
  readonly id: string;
  readonly set: string;
  readonly file: string;
  /** The id of the schema case it is checked against. */
  readonly schema: string;
  readonly expect: InstanceExpectation;
  /** SDK assets carry `_description`, `_expectedError`, `_schema`: strip them before validating. */
  readonly strip: boolean;
}

export interface Corpus {
  readonly root: string;
  readonly schemas: readonly SchemaCase[];
  readonly instances: readonly InstanceCase[];
}

const SDK = "sdk-assets/test-assets";

function list(dir: string, filter: (name: string) => boolean): string[] {
  return existsSync(dir) ? readdirSync(dir).filter(filter).sort() : [];
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export function readCorpus(root: string): Corpus {
  const id = (path: string): string => relative(root, path).split("\\").join("/");
  const schemas: SchemaCase[] = [];
  const instances: InstanceCase[] = [];
  const schemaCase = (
    set: string,
    file: string,
    expect: SchemaExpectation,
    warns?: boolean,
  ): SchemaCase => {
    const c = { id: id(file), set, file, expect, ...(warns === undefined ? {} : { warns }) };
    schemas.push(c);
    return c;
  };
  for (const set of ["core", "import"]) {
    const base = join(root, "samples", set);
    for (const dir of list(base, (n) => isDir(join(base, n)))) {
      for (const schemaFile of findSchemas(join(base, dir))) {
        const c = schemaCase(`samples/${set}`, schemaFile, "generate");
        const folder = join(schemaFile, "..");
        for (const example of list(folder, (n) => /^example.*\.json$/.test(n))) {
          instances.push({
            id: id(join(folder, example)),
            set: `samples/${set}`,
            file: join(folder, example),
            schema: c.id,
            expect: "valid",
            strip: false,
          });
        }
      }
    }
  }
  const sdkSchemas = join(root, SDK, "schemas");
  for (const name of list(join(sdkSchemas, "invalid"), (n) => n.endsWith(".json"))) {
    schemaCase("sdk invalid", join(sdkSchemas, "invalid", name), "reject");
  }
  for (const name of list(join(sdkSchemas, "warnings"), (n) => n.endsWith(".json"))) {
    schemaCase(
      "sdk warnings",
      join(sdkSchemas, "warnings", name),
      "generate",
      !name.includes("with-uses"),
    );
  }
  for (const name of list(join(sdkSchemas, "validation"), (n) => n.endsWith(".json"))) {
    const c = schemaCase("sdk validation", join(sdkSchemas, "validation", name), "generate");
    const folder = join(root, SDK, "instances", "validation", name.replace(/\.struct\.json$/, ""));
    for (const file of list(folder, (n) => n.endsWith(".json"))) {
      instances.push({
        id: id(join(folder, file)),
        set: "sdk validation",
        file: join(folder, file),
        schema: c.id,
        expect: "invalid",
        strip: true,
      });
    }
  }
  const invalidInstances = join(root, SDK, "instances", "invalid");
  for (const dir of list(invalidInstances, (n) => isDir(join(invalidInstances, n)))) {
    const schema = `samples/core/${dir}/schema.struct.json`;
    for (const file of list(join(invalidInstances, dir), (n) => n.endsWith(".json"))) {
      const path = join(invalidInstances, dir, file);
      instances.push({
        id: id(path),
        set: "sdk invalid instances",
        file: path,
        schema,
        expect: "invalid",
        strip: true,
      });
    }
  }
  readAdversarial(root, schemaCase, instances, id);
  return { root, schemas, instances };
}

/** Adversarial schemas: four must fail (adversarial-map.json), the rest may go either way; instances have no verdict. */
function readAdversarial(
  root: string,
  schemaCase: (set: string, file: string, expect: SchemaExpectation) => SchemaCase,
  instances: InstanceCase[],
  id: (path: string) => string,
): void {
  const folder = join(root, SDK, "schemas", "adversarial");
  const mapFile = join(root, "adversarial-map.json");
  const map = existsSync(mapFile)
    ? (JSON.parse(readFileSync(mapFile, "utf8")) as Record<string, unknown>)
    : {};
  const mustFail = Object.entries(map).find(([key]) =>
    key.startsWith("schemas that MUST fail"),
  )?.[1];
  const failing = Array.isArray(mustFail) ? (mustFail as string[]) : [];
  for (const name of list(folder, (n) => n.endsWith(".json"))) {
    schemaCase("sdk adversarial", join(folder, name), failing.includes(name) ? "reject" : "either");
  }
  const pairs = (map["instances/adversarial -> schemas/adversarial"] ?? {}) as Record<
    string,
    string
  >;
  for (const [instance, schema] of Object.entries(pairs)) {
    const path = join(root, SDK, "instances", "adversarial", instance);
    if (existsSync(path)) {
      instances.push({
        id: id(path),
        set: "sdk adversarial",
        file: path,
        schema: `${SDK}/schemas/adversarial/${schema}`,
        expect: "unknown",
        strip: true,
      });
    }
  }
}

/** `schema.struct.json` in a sample folder and in its library subfolders (samples/import/02 has two). */
function findSchemas(dir: string): string[] {
  const own = list(dir, (n) => n.endsWith(".struct.json")).map((n) => join(dir, n));
  const nested = list(dir, (n) => isDir(join(dir, n))).flatMap((n) => findSchemas(join(dir, n)));
  return [...own, ...nested];
}

/** The instance as the SDK's harness validates it: `_` keys stripped; `{"value": x}` unwrapped for non-object roots. */
export function prepareInstance(raw: unknown, c: InstanceCase, rootIsObjectLike: boolean): unknown {
  if (!c.strip || typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return raw;
  }
  const entries = Object.entries(raw).filter(([key]) => !key.startsWith("_"));
  const stripped = Object.fromEntries(entries);
  if (!rootIsObjectLike && entries.length === 1 && entries[0]?.[0] === "value") {
    return entries[0][1];
  }
  return stripped;
}
