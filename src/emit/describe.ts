/** Short, human words for what a type node expects; used in guard error messages. */
import { assertNever } from "../model/diagnostics.js";
import type { TypeNode } from "../model/model.js";

const MAX_LISTED_VALUES = 8;

export function describeNode(node: TypeNode): string {
  switch (node.kind) {
    case "any":
      return "any JSON value";
    case "null":
      return "null";
    case "boolean":
      return "boolean";
    case "string":
      return node.format === undefined ? "string" : `${node.format} string`;
    case "number":
      return node.integer ? "integer" : "number";
    case "encoded":
      return `${node.encoding} string`;
    case "literal": {
      const listed = node.values.slice(0, MAX_LISTED_VALUES).map((v) => JSON.stringify(v));
      const more =
        node.values.length > MAX_LISTED_VALUES ? `, ... (${node.values.length} values)` : "";
      return node.values.length === 1
        ? `equal to ${listed[0]}`
        : `one of ${listed.join(", ")}${more}`;
    }
    case "object":
    case "map":
      return "object";
    case "array":
      return "array";
    case "tuple":
      return `array of ${node.elements.length} items`;
    case "union":
      return node.choice === undefined
        ? node.members.map(describeNode).join(" or ")
        : "object (a choice)";
    case "ref":
      return node.target;
    default:
      return assertNever(node, "type node");
  }
}
