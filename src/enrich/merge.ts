/**
 * Enrich, step 4: a summary field's type and the spec property's type -> the type to emit.
 * The summary decides which fields exist and which are required; the spec refines what the summary lost.
 * "Lost" means: a flat `object` (the summarizer's word for anything nullable, a map, a reference or a union),
 * a missing format, an array's item type, nullability (the summaries never record it). A spec type that
 * contradicts the summary (a boolean where it says string) is a conflict: the summary's type stays.
 */
import type { Declaration, LiteralValue, TypeNode } from "../model/model.js";
import { withNull } from "./to-model.js";

export type Merged = { readonly type: TypeNode } | { readonly conflict: string };

/** Looks up a declaration of the document (summary enums and spec components alike). */
export type Lookup = (name: string) => Declaration | undefined;

export function mergeType(flat: TypeNode, spec: TypeNode, lookup: Lookup): Merged {
  const { core, nullable } = splitNull(spec);
  if (isFlatObject(flat)) {
    return { type: spec };
  }
  if (core.kind === "any") {
    return { type: flat };
  }
  const merged = refine(flat, core, lookup);
  return "conflict" in merged ? merged : { type: withNull(merged.type, nullable) };
}

/** A flat `object` field: `any`, or under `objectFields: "record"` a map of any values. */
function isFlatObject(type: TypeNode): boolean {
  return (
    type.kind === "any" ||
    (type.kind === "map" && type.values.kind === "any" && type.keys === undefined)
  );
}

function refine(flat: TypeNode, core: TypeNode, lookup: Lookup): Merged {
  const conflict = {
    conflict: `the summary says ${describe(flat, lookup)}, the spec ${describe(core, lookup)}`,
  };
  switch (flat.kind) {
    case "string":
      if (core.kind === "string") {
        return {
          type:
            core.format === undefined && flat.format !== undefined
              ? { ...core, format: flat.format }
              : core,
        };
      }
      return stringValues(core, lookup) ? { type: core } : conflict;
    case "number":
      // The summary's `integer` is narrower than a spec `number`; the summary wins, so that is a conflict.
      return core.kind === "number" && (core.integer || !flat.integer) ? { type: core } : conflict;
    case "boolean":
      return core.kind === "boolean" ? { type: core } : conflict;
    case "ref":
      // A summary enum: its declaration stays; the spec adds nullability only.
      return sameRef(flat, core) || stringValues(core, lookup) || core.kind === "string"
        ? { type: flat }
        : conflict;
    case "array": {
      if (core.kind !== "array") {
        return conflict;
      }
      const items = mergeType(flat.items, core.items, lookup);
      return "conflict" in items ? conflict : { type: { ...core, items: items.type } };
    }
    default:
      return { type: flat };
  }
}

function sameRef(flat: TypeNode, core: TypeNode): boolean {
  return flat.kind === "ref" && core.kind === "ref" && flat.target === core.target;
}

/** A literal of strings, or a reference to one (an enum component). */
function stringValues(type: TypeNode, lookup: Lookup): boolean {
  const resolved = type.kind === "ref" ? lookup(type.target)?.type : type;
  return (
    resolved?.kind === "literal" &&
    resolved.values.every((v) => typeof v === "string" || v === null)
  );
}

export function splitNull(type: TypeNode): { core: TypeNode; nullable: boolean } {
  if (type.kind === "union" && type.members.some((m) => m.kind === "null")) {
    const rest = type.members.filter((m) => m.kind !== "null");
    const core: TypeNode =
      rest.length === 1 ? (rest[0] as TypeNode) : { kind: "union", members: rest };
    return { core, nullable: true };
  }
  if (type.kind === "literal" && type.values.includes(null) && type.values.length > 1) {
    return {
      core: { kind: "literal", values: type.values.filter((v) => v !== null) },
      nullable: true,
    };
  }
  return { core: type, nullable: false };
}

/** Short words for warnings: "string", "integer", "an array", "RunStatus", "one of 3 values". */
export function describe(type: TypeNode, lookup: Lookup): string {
  switch (type.kind) {
    case "number":
      return type.integer ? "integer" : "number";
    case "ref": {
      const target = lookup(type.target)?.type;
      return target?.kind === "literal" ? `enum ${type.target}` : `${type.target}`;
    }
    case "literal":
      return `one of ${type.values.length} values`;
    case "array":
    case "object":
    case "map":
    case "union":
    case "tuple":
      return `${type.kind === "array" || type.kind === "object" ? "an" : "a"} ${type.kind}`;
    default:
      return type.kind;
  }
}

/** Values of a literal declaration, for comparing a summary enum with the spec's. */
export function literalValues(type: TypeNode | undefined): readonly LiteralValue[] | undefined {
  return type?.kind === "literal" ? type.values : undefined;
}
