/**
 * Instances from a catalog file's own examples: the document's `example` / `examples` (whole instances), and one
 * assembled from its members' `example` values (a member without one is left out; nested members and array
 * items are assembled the same way). The assembly records where each example went and which required members
 * had none, so that a rejection can be told apart: an example that does not fit its declared type, or an
 * instance that lacks a required member, versus a disagreement that would be structgen's.
 */

export interface Assembled {
  readonly value: unknown;
  /** JSON pointers (in the instance) of the values that came from an `example`. */
  readonly examples: readonly string[];
  /** JSON pointers of required members that had no example, so are missing from the instance. */
  readonly missing: readonly string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const own = (object: Json, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;

const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

export function assembleExamples(
  document: unknown,
): { source: "document" | "fields"; assembled: Assembled }[] {
  if (!isObject(document)) {
    return [];
  }
  const whole = [
    ...(own(document, "example") === undefined ? [] : [own(document, "example")]),
    ...(Array.isArray(own(document, "examples")) ? (own(document, "examples") as unknown[]) : []),
  ].map((value) => ({
    source: "document" as const,
    assembled: { value, examples: [""], missing: [] },
  }));
  // The document's own example is a whole instance (above); its members' and items' are assembled.
  const fromMembers = assemble(document, "", false);
  return fromMembers === undefined || fromMembers.examples.length === 0
    ? whole
    : [...whole, { source: "fields" as const, assembled: fromMembers }];
}

function assemble(schema: unknown, pointer: string, ownExample = true): Assembled | undefined {
  if (!isObject(schema)) {
    return undefined;
  }
  const example = ownExample ? own(schema, "example") : undefined;
  const examples = ownExample ? own(schema, "examples") : undefined;
  if (example !== undefined) {
    return { value: example, examples: [pointer], missing: [] };
  }
  if (Array.isArray(examples) && examples.length > 0) {
    return { value: examples[0], examples: [pointer], missing: [] };
  }
  const members = membersOf(schema, pointer);
  if (members !== undefined) {
    return members;
  }
  const items = own(schema, "items");
  const item = assemble(items, `${pointer}/0`);
  return item === undefined ? undefined : { ...item, value: [item.value] };
}

/** The object the members of a schema (a field list or a properties map) assemble to, if any assembled. */
function membersOf(schema: Json, pointer: string): Assembled | undefined {
  const members = [
    ...listMembers(own(schema, "fields")),
    ...listMembers(own(schema, "children")),
    ...mapMembers(own(schema, "properties"), own(schema, "required")),
    ...mapMembers(own(schema, "members"), own(schema, "required")),
  ];
  if (members.length === 0) {
    return undefined;
  }
  const value: Json = {};
  const examples: string[] = [];
  const missing: string[] = [];
  for (const { key, schema: member, required } of members) {
    const at = `${pointer}/${escape(key)}`;
    const part = assemble(member, at);
    if (part === undefined) {
      if (required) {
        missing.push(at);
      }
      continue;
    }
    Object.defineProperty(value, key, {
      value: part.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    examples.push(...part.examples);
    missing.push(...part.missing);
  }
  return examples.length === 0 ? undefined : { value, examples, missing };
}

function listMembers(list: unknown): { key: string; schema: unknown; required: boolean }[] {
  return Array.isArray(list)
    ? list.flatMap((field: unknown) =>
        isObject(field) && typeof own(field, "name") === "string"
          ? [
              {
                key: own(field, "name") as string,
                schema: field,
                required: own(field, "required") === true,
              },
            ]
          : [],
      )
    : [];
}

function mapMembers(
  map: unknown,
  required: unknown,
): { key: string; schema: unknown; required: boolean }[] {
  const names = Array.isArray(required) ? required : [];
  return isObject(map)
    ? Object.keys(map).map((key) => ({
        key,
        schema: map[key],
        required: names.includes(key) || (isObject(map[key]) && own(map[key], "required") === true),
      }))
    : [];
}
