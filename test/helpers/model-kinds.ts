/**
 * Model nodes of every kind, shared by the emitter tables (types, guards, schema): each table writes its own
 * want for the same given, by hand, from what the node means.
 */
import type { ObjectNode, Property, TypeNode, UnionNode } from "../../src/model/model.js";

export type TestCase<Given, Want> = [name: string, { given: Given; want: Want }];

export function property(key: string, type: TypeNode, required = true): Property {
  return { key, required, type, annotations: {}, pointer: `/properties/${key}` };
}

export const STRING: TypeNode = { kind: "string" };
export const INTEGER: TypeNode = { kind: "number", integer: true };
export const NULL: TypeNode = { kind: "null" };

/** `{ email?, phone? }` with exactly one of the two required: JSON Structure `required: [["email"], ["phone"]]`. */
export const CONTACT: ObjectNode = {
  kind: "object",
  properties: [property("email", STRING, false), property("phone", STRING, false)],
  additionalProperties: false,
  requiredSets: [["email"], ["phone"]],
};

/** A tagged choice: `{ card: "..." }` or `{ cash: 12 }`, exactly one key. */
export const PAYMENT: UnionNode = {
  kind: "union",
  members: [
    { kind: "object", properties: [property("card", STRING)], additionalProperties: false },
    { kind: "object", properties: [property("cash", INTEGER)], additionalProperties: false },
  ],
  choice: { mode: "tagged", names: ["card", "cash"] },
};

/** An inline choice on `kind`: `{ kind: "dog", barks: true }` or `{ kind: "fish", fins: 2 }`. */
export const PET: UnionNode = {
  kind: "union",
  members: [
    {
      kind: "object",
      properties: [
        property("kind", { kind: "literal", values: ["dog"] }),
        property("barks", { kind: "boolean" }),
      ],
      additionalProperties: false,
    },
    {
      kind: "object",
      properties: [
        property("kind", { kind: "literal", values: ["fish"] }),
        property("fins", INTEGER),
      ],
      additionalProperties: false,
    },
  ],
  choice: { mode: "inline", selector: "kind", names: ["dog", "fish"] },
};
