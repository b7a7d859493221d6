/**
 * Stage 5a, emit types: the model as ts-morph statement structures (interfaces, literal unions, value arrays).
 * The wire shape is kept: big numbers and dates stay strings, optional (`?`) stays apart from nullable (`| null`).
 */
import type {
  InterfaceDeclarationStructure,
  OptionalKind,
  PropertySignatureStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
  VariableStatementStructure,
} from "ts-morph";
import { StructureKind, VariableDeclarationKind } from "./ts-morph.js";
import { assertNever } from "../model/diagnostics.js";
import type {
  Declaration,
  ModelDocument,
  ObjectNode,
  TupleNode,
  TypeNode,
  UnionNode,
} from "../model/model.js";
import { commentText, jsDocText, literalText, propertyName } from "./ts-text.js";

/** The exported names a document's types file declares, in output order. */
export function typeExportNames(doc: ModelDocument): string[] {
  return doc.declarations.flatMap((d) =>
    d.type.kind === "literal" ? [d.name, valuesConstName(d.name)] : [d.name],
  );
}

export function valuesConstName(typeName: string): string {
  return `${typeName}Values`;
}

export function typeStatements(doc: ModelDocument): StatementStructures[] {
  return doc.declarations.flatMap((declaration) => declarationStatements(declaration, doc));
}

function declarationStatements(
  declaration: Declaration,
  doc: ModelDocument,
): StatementStructures[] {
  const isRoot = declaration.name === doc.root;
  const seeAlso =
    isRoot && doc.sourceUrl !== undefined ? [`@see ${commentText(doc.sourceUrl)}`] : [];
  const doc_ = jsDocText(declaration.annotations, seeAlso);
  const docs = doc_ === undefined ? [] : [{ description: doc_ }];
  const { type } = declaration;
  if (
    type.kind === "object" &&
    (typeof type.additionalProperties === "object" || (type.requiredSets ?? []).length > 0)
  ) {
    return [typeAlias(declaration.name, typeText(type), docs)];
  }
  if (type.kind === "object") {
    const structure: InterfaceDeclarationStructure = {
      kind: StructureKind.Interface,
      name: declaration.name,
      isExported: true,
      docs,
      properties: type.properties.map(propertyStructure),
    };
    return [structure];
  }
  if (type.kind === "literal") {
    const values: VariableStatementStructure = {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [{ description: `Every value of {@link ${declaration.name}}, in document order.` }],
      declarations: [
        {
          name: valuesConstName(declaration.name),
          type: `readonly ${declaration.name}[]`,
          initializer: `[${type.values.map(literalText).join(", ")}]`,
        },
      ],
    };
    return [typeAlias(declaration.name, typeText(type), docs), values];
  }
  return [typeAlias(declaration.name, typeText(type), docs)];
}

function typeAlias(
  name: string,
  type: string,
  docs: { description: string }[],
): TypeAliasDeclarationStructure {
  return { kind: StructureKind.TypeAlias, name, isExported: true, type, docs };
}

function propertyStructure(
  property: ObjectNode["properties"][number],
): OptionalKind<PropertySignatureStructure> {
  const doc = jsDocText(property.annotations);
  return {
    name: propertyName(property.key),
    type: typeText(property.type),
    hasQuestionToken: !property.required,
    docs: doc === undefined ? [] : [{ description: doc }],
  };
}

/** The TypeScript type expression for a node. */
export function typeText(node: TypeNode): string {
  switch (node.kind) {
    case "any":
      return "unknown";
    case "null":
      return "null";
    case "boolean":
      return "boolean";
    case "string":
    case "encoded":
      return "string";
    case "number":
      return "number";
    case "literal":
      return node.values.map(literalText).join(" | ");
    case "object":
      return objectTypeText(node);
    case "array":
      return `${wrapForArray(typeText(node.items), node.items)}[]`;
    case "map":
      return `{ [key: string]: ${typeText(node.values)} }`;
    case "tuple":
      return tupleTypeText(node);
    case "union":
      return node.choice?.mode === "tagged"
        ? taggedChoiceText(node)
        : node.members.map(typeText).join(" | ");
    case "ref":
      return node.target;
    default:
      return assertNever(node, "type node");
  }
}

/** Labeled (`[latitude: string, longitude: string]`) when every element name is an identifier. */
function tupleTypeText(node: TupleNode): string {
  const labels = node.labels;
  const labeled =
    labels !== undefined &&
    labels.length === node.elements.length &&
    labels.every((l) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(l));
  return `[${node.elements.map((e, i) => (labeled ? `${labels[i] ?? ""}: ${typeText(e)}` : typeText(e))).join(", ")}]`;
}

/** Exactly one key: each variant names its key and rules the others out with `?: never`. */
function taggedChoiceText(node: UnionNode): string {
  const variants = node.members.map((member) => {
    const property =
      member.kind === "object" && member.properties.length === 1 ? member.properties[0] : undefined;
    return property === undefined
      ? { key: undefined, text: typeText(member) }
      : { key: property.key, text: typeText(property.type) };
  });
  return variants
    .map(({ key, text }) => {
      if (key === undefined) {
        return text;
      }
      const others = variants.flatMap((v) =>
        v.key === undefined || v.key === key ? [] : [`${propertyName(v.key)}?: never;`],
      );
      return `{ ${[`${propertyName(key)}: ${text};`, ...others].join(" ")} }`;
    })
    .join(" | ");
}

function objectTypeText(node: ObjectNode): string {
  const members = node.properties.map(
    (p) => `${propertyName(p.key)}${p.required ? "" : "?"}: ${typeText(p.type)};`,
  );
  if (typeof node.additionalProperties !== "boolean") {
    // An index signature must admit every declared member, so with declared members it can only say `unknown`.
    const extra = node.properties.length === 0 ? typeText(node.additionalProperties) : "unknown";
    members.push(`[key: string]: ${extra};`);
  }
  const text = `{ ${members.join(" ")} }`;
  const sets = node.requiredSets ?? [];
  if (sets.length === 0) {
    return text;
  }
  // Alternative required key sets: each variant makes its set required (exclusivity is left to the guard).
  const typeOf = (key: string): string =>
    typeText(node.properties.find((p) => p.key === key)?.type ?? { kind: "any" });
  const variants = sets.map(
    (set) => `{ ${set.map((key) => `${propertyName(key)}: ${typeOf(key)};`).join(" ")} }`,
  );
  return `${text} & (${variants.join(" | ")})`;
}

function wrapForArray(text: string, items: TypeNode): string {
  const needsParens =
    items.kind === "union" || (items.kind === "literal" && items.values.length > 1);
  return needsParens ? `(${text})` : text;
}
