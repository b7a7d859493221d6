/**
 * Nullability in the model: `T | null` made once, and whether a type already accepts `null` (so that making it
 * nullable again would add nothing, and no emitter has to print `| null | null`).
 */
import { findDeclaration, type ModelDocument, type TypeNode } from "./model.js";

export const NULL: TypeNode = { kind: "null" };

/**
 * `type | null`, once: `any` and `null` already hold null, a union or literal holding null is returned as it is.
 * A `choice` union is wrapped, not extended: its dispatch names one choice per member.
 */
export function orNull(type: TypeNode): TypeNode {
  if (type.kind === "null" || type.kind === "any") {
    return type;
  }
  if (type.kind === "union" && type.choice === undefined) {
    return type.members.some((m) => m.kind === "null")
      ? type
      : { ...type, members: [...type.members, NULL] };
  }
  if (type.kind === "literal" && type.values.includes(null)) {
    return type;
  }
  return { kind: "union", members: [type, NULL] };
}

/**
 * Whether `null` is a valid value of `type`: any value, null itself, a literal listing null, a union with a member
 * that accepts it, or a reference to a declaration that does (followed through `doc`; a reference cycle that
 * reaches nothing else accepts nothing).
 */
export function acceptsNull(
  type: TypeNode,
  doc: ModelDocument,
  seen: ReadonlySet<string> = new Set(),
): boolean {
  switch (type.kind) {
    case "any":
    case "null":
      return true;
    case "literal":
      return type.values.includes(null);
    case "union":
      return type.members.some((member) => acceptsNull(member, doc, seen));
    case "ref": {
      const target = seen.has(type.target) ? undefined : findDeclaration(doc, type.target);
      return target !== undefined && acceptsNull(target.type, doc, new Set([...seen, type.target]));
    }
    default:
      return false;
  }
}
