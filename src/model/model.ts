/**
 * The normalized model every dialect is read into and every emitter reads from.
 * A readonly discriminated union on `kind`; emitters dispatch with an exhaustive `switch` + `assertNever`.
 * It is shaped for JSON Structure Core (nested objects, unions, references, string-encoded big numbers);
 * the flat dialect uses a subset of it, and the catalog reading (read/catalog/) most of it.
 */

/** Documentation carried from the input to JSDoc and JSON Schema annotations. */
export interface Annotations {
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly examples?: readonly unknown[];
  readonly default?: unknown;
  /** The format the document names, for documentation (`@format`), whether or not guards can check it. */
  readonly format?: string;
  /** Further JSDoc tags (`{ tag: "precision", text: "15" }` -> `@precision 15`); documentation only. */
  readonly tags?: readonly { readonly tag: string; readonly text: string }[];
}

/** A JSON value that a literal type can hold. */
export type LiteralValue = string | number | boolean | null;

/**
 * JSON Structure string types whose lexical rule no ajv-formats format has (Core `time` without an offset,
 * `datetime` as strict as RFC 3339 (ajv-formats' `date-time`, which it is checked with too, takes "+0530" and tabs),
 * `duration` with fractions, `uuid` without `urn:uuid:`, `binary` encodings). Guards call the helper of the same
 * rule in templates/core-formats.ts; the JSON Schema carries the same rule as a `pattern`.
 */
export type CoreFormat =
  | "time"
  | "datetime"
  | "duration"
  | "uuid"
  | "base64"
  | "base64url"
  | "base16"
  | "base32"
  | "base32hex";

/** Numbers that JSON Structure sends as strings to keep their precision. */
export type EncodedNumberKind = "int64" | "uint64" | "int128" | "uint128" | "decimal";

export interface AnyNode {
  readonly kind: "any";
}
export interface NullNode {
  readonly kind: "null";
}
export interface BooleanNode {
  readonly kind: "boolean";
}
export interface StringNode {
  readonly kind: "string";
  /** A format name known to ajv-formats ("date-time", "uuid", ...). */
  readonly format?: string;
  /** A JSON Structure lexical rule (templates/core-formats.ts); checked like `format`, under the same option. */
  readonly coreFormat?: CoreFormat;
  /** Length limits count Unicode code points, as ajv does (a surrogate pair is one). */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** An ECMA-262 regular expression, unanchored, compiled with the "u" flag (as ajv does). */
  readonly pattern?: string;
}
export interface NumberNode {
  readonly kind: "number";
  /** True for integer types: the value must satisfy `Number.isInteger`. */
  readonly integer: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  /** A number format known to ajv-formats ("int32", "int64", "float", "double"). */
  readonly format?: string;
}
/** A number that travels as a JSON string with an exact lexical form (and range for the integers). */
export interface EncodedNumberNode {
  readonly kind: "encoded";
  readonly encoding: EncodedNumberKind;
}
/** One of a fixed set of JSON values (an enum, or a const when there is one value). */
export interface LiteralNode {
  readonly kind: "literal";
  readonly values: readonly LiteralValue[];
}
export interface Property {
  /** The key on the wire, exactly as the document declares it. */
  readonly key: string;
  readonly required: boolean;
  readonly type: TypeNode;
  readonly annotations: Annotations;
  /** Pointer of the declaration in the input, for diagnostics. */
  readonly pointer: string;
}
export interface ObjectNode {
  readonly kind: "object";
  readonly properties: readonly Property[];
  /** `true`: any extra key is allowed; `false`: none; a node: extra keys must hold that type. */
  readonly additionalProperties: boolean | TypeNode;
  /** JSON Structure `required` as an array of arrays: exactly one of these key sets is fully present. */
  readonly requiredSets?: readonly (readonly string[])[];
  readonly minProperties?: number;
  readonly maxProperties?: number;
  /** When `key` is present, every key in `requires` must be present too. */
  readonly dependentRequired?: readonly {
    readonly key: string;
    readonly requires: readonly string[];
  }[];
  /** Members whose key matches `pattern` ("u" flag, unanchored) hold `type`; such keys are not additional. */
  readonly patternProperties?: readonly { readonly pattern: string; readonly type: TypeNode }[];
  /** Every key, declared or not, must match this node (a string or literal node). */
  readonly propertyNames?: TypeNode;
}
export interface ArrayNode {
  readonly kind: "array";
  readonly items: TypeNode;
  /** True for JSON Structure `set`: elements must be distinct. */
  readonly unique: boolean;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** Between `min` and `max` (inclusive) items must match `type`. */
  readonly contains?: { readonly type: TypeNode; readonly min: number; readonly max?: number };
}
/** A JSON object with arbitrary string keys and values of one type. */
export interface MapNode {
  readonly kind: "map";
  readonly values: TypeNode;
  /** Every key must match this node (a string or literal node). */
  readonly keys?: TypeNode;
  readonly minEntries?: number;
  readonly maxEntries?: number;
}
/** A fixed-length JSON array whose positions have their own types. */
export interface TupleNode {
  readonly kind: "tuple";
  readonly elements: readonly TypeNode[];
  /** Element names (JSON Structure tuple property names), for labeled TypeScript tuples. */
  readonly labels?: readonly string[];
}
/** Valid when any member is valid; members are tried in order (JSON Structure: first match wins). */
export interface UnionNode {
  readonly kind: "union";
  readonly members: readonly TypeNode[];
  /**
   * Set when the union is a JSON Structure `choice`; the members alone already give its exact meaning, this only
   * lets emitters dispatch (precise error paths, `?: never` padding). `tagged`: every member is a closed object
   * with one required key (the choice name). `inline`: every member is an object whose required `selector` member
   * is a one-value literal (the choice name).
   */
  readonly choice?: ChoiceInfo;
}
/**
 * How a `choice` union dispatches. `names` holds each member's choice name, in member order (as many names as
 * members), as the reader found them: emitters read it instead of working the names out of the members again.
 */
export type ChoiceInfo =
  | { readonly mode: "tagged"; readonly names: readonly string[] }
  | { readonly mode: "inline"; readonly selector: string; readonly names: readonly string[] };
/** A reference to a named declaration of the same document, by its declared name. */
export interface RefNode {
  readonly kind: "ref";
  readonly target: string;
}

export type TypeNode =
  | AnyNode
  | NullNode
  | BooleanNode
  | StringNode
  | NumberNode
  | EncodedNumberNode
  | LiteralNode
  | ObjectNode
  | ArrayNode
  | MapNode
  | TupleNode
  | UnionNode
  | RefNode;

export type TypeKind = TypeNode["kind"];

/** A named, exported type: it gets a TypeScript declaration, guards and a JSON Schema definition. */
export interface Declaration {
  /** The TypeScript identifier (already safe and unique within the run). */
  readonly name: string;
  readonly type: TypeNode;
  readonly annotations: Annotations;
  /** Pointer of the declaration in the input. */
  readonly pointer: string;
  /**
   * JSON Structure `abstract`: no instance is ever of this type (it is only a base for `$extends`), so it gets a
   * TypeScript declaration but no guards and no JSON Schema definition.
   */
  readonly abstract?: boolean;
}

/** One input document, normalized. */
export interface ModelDocument {
  /** The input path as the caller gave it (used in banners and diagnostics). */
  readonly file: string;
  /** The output base name: a safe file slug, e.g. "letta-run". */
  readonly baseName: string;
  /** Which reading the document got: a flat summary, JSON Structure Core, or the looser catalog reading. */
  readonly dialect: "flat" | "core" | "catalog";
  readonly title?: string;
  readonly description?: string;
  /** Where the document says it came from (flat `source`), for `@see`. */
  readonly sourceUrl?: string;
  /** Name of the declaration that describes a whole instance document. */
  readonly root: string;
  /** Every named declaration, root first, then in document order. */
  readonly declarations: readonly Declaration[];
}

/** Finds a declaration by name; the normalizer guarantees every ref target exists. */
export function findDeclaration(doc: ModelDocument, name: string): Declaration | undefined {
  return doc.declarations.find((d) => d.name === name);
}

/** The type a tagged choice member holds under its choice name (`{ name: T }` -> T). */
export function taggedChoiceValue(member: TypeNode, name: string): TypeNode | undefined {
  return member.kind === "object" ? member.properties.find((p) => p.key === name)?.type : undefined;
}
