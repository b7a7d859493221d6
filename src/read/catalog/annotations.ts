/**
 * Documentation in the catalog reading: `description`, with `title` as its first paragraph; `example`,
 * `examples`, `default`, `deprecated`, `readOnly`, `writeOnly`, `unit` and a type hint that names no format go to
 * JSDoc (tags), and examples and default to the JSON Schema annotations too; the format a member is checked
 * against is documented as `@format`. Nothing here is checked.
 */
import type { Annotations } from "../../model/model.js";
import { isArrayValue, isObject, type JsonObject, type JsonValue, own } from "../source.js";
import { hintedString } from "./named.js";
import { parseTypeText } from "./type-text.js";

/** Keys read as documentation only; the reader warns about none of them. */
export const DOCUMENTATION_KEYS = [
  "description",
  "title",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "unit",
  "currency",
  "$comment",
];

export interface DocOptions {
  /** Leave the title out (the document's own title is the schema's title). */
  readonly withoutTitle?: boolean;
  /** A type hint that names no format (`string (free text)`), documented as `@hint`. */
  readonly hint?: string;
  /** The format the schema names (`format`), documented as `@format` whether checked or not. */
  readonly format?: string;
}

export function annotationsOf(
  schema: JsonValue | undefined,
  options: DocOptions = {},
): Annotations {
  if (!isObject(schema)) {
    return {};
  }
  const description = descriptionOf(schema, options.withoutTitle === true);
  const examples = examplesOf(schema);
  const fallback = own(schema, "default");
  const tags = [
    ...examples.map((example) => ({ tag: "example", text: jsonText(example) })),
    ...(fallback === undefined ? [] : [{ tag: "default", text: jsonText(fallback) }]),
    ...(own(schema, "readOnly") === true ? [{ tag: "readonly", text: "" }] : []),
    ...(own(schema, "writeOnly") === true ? [{ tag: "writeonly", text: "" }] : []),
    ...(options.hint === undefined ? [] : [{ tag: "hint", text: options.hint }]),
    ...["unit", "currency"].flatMap((tag) => {
      const raw = own(schema, tag);
      return typeof raw === "string" || typeof raw === "number" ? [{ tag, text: String(raw) }] : [];
    }),
  ];
  const format = options.format;
  return {
    ...(description === undefined ? {} : { description }),
    ...(own(schema, "deprecated") === true ? { deprecated: true } : {}),
    ...(examples.length === 0 ? {} : { examples }),
    ...(fallback === undefined ? {} : { default: fallback }),
    ...(format === undefined ? {} : { format }),
    ...(tags.length === 0 ? {} : { tags }),
  };
}

function descriptionOf(schema: JsonObject, withoutTitle: boolean): string | undefined {
  const text = (key: string): string | undefined => {
    const raw = own(schema, key);
    return typeof raw === "string" && raw.trim() !== "" ? raw : undefined;
  };
  const description = text("description");
  const title = withoutTitle ? undefined : text("title");
  if (title === undefined || title.trim() === description?.trim()) {
    return description;
  }
  return description === undefined ? title : `${title}\n\n${description}`;
}

function examplesOf(schema: JsonObject): JsonValue[] {
  const one = own(schema, "example");
  const many = own(schema, "examples");
  // `examples` is a list in JSON Schema; a lone value is still an example, not something to drop.
  const listed = many === undefined ? [] : isArrayValue(many) ? many : [many];
  return [...(one === undefined ? [] : [one]), ...listed];
}

/** JSON on one line, for a JSDoc tag. */
function jsonText(value: JsonValue): string {
  return JSON.stringify(value);
}

export function isDocumentationOnly(value: JsonValue): boolean {
  return isObject(value) && Object.keys(value).every((key) => DOCUMENTATION_KEYS.includes(key));
}

/**
 * The documentation of a member: its own keys, those of documentation-only `allOf` members, and a type hint that
 * names no format (kept as `@format`).
 */
export function documentationOf(schema: JsonValue | undefined): Annotations {
  if (!isObject(schema)) {
    return {};
  }
  const parts = own(schema, "allOf");
  const extra = isArrayValue(parts) ? parts.filter(isDocumentationOnly) : [];
  const format = own(schema, "format");
  const hint = typeHint(own(schema, "type"));
  const own_ = annotationsOf(schema, {
    ...(typeof format === "string" ? { format } : {}),
    ...(hint === undefined ? {} : { hint }),
  });
  return extra.map((part) => annotationsOf(part)).reduce(mergeAnnotations, own_);
}

/** The schema's own documentation first; what it lacks comes from `more`. */
function mergeAnnotations(first: Annotations, more: Annotations): Annotations {
  const examples = [...(first.examples ?? []), ...(more.examples ?? [])];
  const tags = [...(first.tags ?? []), ...(more.tags ?? [])];
  const description = first.description ?? more.description;
  const fallback = first.default ?? more.default;
  return {
    ...more,
    ...first,
    ...(description === undefined ? {} : { description }),
    ...(first.deprecated === true || more.deprecated === true ? { deprecated: true } : {}),
    ...(examples.length === 0 ? {} : { examples }),
    ...(fallback === undefined ? {} : { default: fallback }),
    ...(tags.length === 0 ? {} : { tags }),
  };
}

function typeHint(type: JsonValue | undefined): string | undefined {
  if (typeof type !== "string") {
    return undefined;
  }
  const parsed = parseTypeText(type);
  if ("error" in parsed || parsed.expr.kind !== "hinted") {
    return undefined;
  }
  const hinted = hintedString(parsed.expr.hint);
  return hinted?.exact === true ? undefined : parsed.expr.hint;
}
