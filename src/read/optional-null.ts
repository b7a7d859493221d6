/**
 * The option `optionalNull`: where a flat summary or a catalog file makes a member optional, the member accepts
 * `null` too. Those documents rarely say whether a member is nullable (a catalog field list says
 * `{"name": "due", "type": "date-time", "required": false}`), and many APIs send `null` for an absent value (Trello
 * sends `"due": null` for a card without a due date). Opt-in, since it changes what a document says. Required
 * members and members that already accept null (`unknown`, `T | null`, an enum listing null) stay as they are;
 * JSON Structure Core documents state nullability themselves and are never given this reading (read.ts).
 */
import { assertNever } from "../model/diagnostics.js";
import type { ModelDocument, Property, TypeNode } from "../model/model.js";
import { acceptsNull, orNull } from "../model/nullable.js";

/** Every optional member of every object of `doc`, nested ones included, made `T | null`. */
export function acceptNullWhereOptional(doc: ModelDocument): ModelDocument {
  return {
    ...doc,
    declarations: doc.declarations.map((d) => ({ ...d, type: withOptionalNull(d.type, doc) })),
  };
}

/**
 * The type a member had before `optionalNull` made it nullable: the enrichment (--source-spec) refines a summary's
 * own type, and for a member the spec describes, the spec's nullability holds. A flat summary cannot state
 * nullability (its types and enums have no null), so a trailing null member of an optional field is the option's.
 */
export function beforeOptionalNull(property: Property, optionalNull: boolean): TypeNode {
  const { type } = property;
  if (!optionalNull || property.required || type.kind !== "union" || type.choice !== undefined) {
    return type;
  }
  const last = type.members.at(-1);
  if (last?.kind !== "null") {
    return type;
  }
  const rest = type.members.slice(0, -1);
  return rest.length === 1 && rest[0] !== undefined ? rest[0] : { ...type, members: rest };
}

function withOptionalNull(type: TypeNode, doc: ModelDocument): TypeNode {
  const inner = (node: TypeNode) => withOptionalNull(node, doc);
  switch (type.kind) {
    case "any":
    case "null":
    case "boolean":
    case "string":
    case "number":
    case "encoded":
    case "literal":
    case "ref":
      return type;
    case "object":
      return {
        ...type,
        properties: type.properties.map((property) => {
          const nested = inner(property.type);
          const nullable = property.required || acceptsNull(nested, doc) ? nested : orNull(nested);
          return { ...property, type: nullable };
        }),
        ...(typeof type.additionalProperties === "boolean"
          ? {}
          : { additionalProperties: inner(type.additionalProperties) }),
        ...(type.patternProperties === undefined
          ? {}
          : {
              patternProperties: type.patternProperties.map((p) => ({ ...p, type: inner(p.type) })),
            }),
      };
    case "array":
      return {
        ...type,
        items: inner(type.items),
        ...(type.contains === undefined
          ? {}
          : { contains: { ...type.contains, type: inner(type.contains.type) } }),
      };
    case "map":
      return { ...type, values: inner(type.values) };
    case "tuple":
      return { ...type, elements: type.elements.map(inner) };
    case "union":
      return { ...type, members: type.members.map(inner) };
    default:
      return assertNever(type, "type node");
  }
}
