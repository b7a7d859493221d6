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
import {
  type ChoiceInfo,
  type Declaration,
  type ModelDocument,
  type ObjectNode,
  taggedChoiceValue,
  type TupleNode,
  type TypeNode,
  type UnionNode,
} from "../model/model.js";
import { arrayLiteral, literal } from "./code/expression.js";
import { isIdentifier, propertyName } from "./code/literal.js";
import {
  arrayType,
  functionType,
  indexSignature,
  intersectionType,
  keyword,
  literalType,
  objectType,
  propertySignature,
  readonlyArrayType,
  tupleType,
  type TypeExpression,
  typeReference,
  unionType,
} from "./code/type-expression.js";
import { commentText, jsDocText } from "./jsdoc.js";

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
          type: readonlyArrayType(typeReference(declaration.name)).text,
          initializer: arrayLiteral(type.values.map(literal)).text,
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
    type: memberType(property.key, typeExpression(property.type), !property.required).text,
    hasQuestionToken: !property.required,
    docs: doc === undefined ? [] : [{ description: doc }],
  };
}

/** Any function: every method of `Object` is assignable to it, whatever its parameters. */
const ANY_FUNCTION = functionType([["...args", arrayType(keyword("never"))]], keyword("unknown"));

/**
 * The members TypeScript gives every object type (lib `interface Object`), with their types. `globalThis.` keeps a
 * document's own declaration named `Function` from taking the name's place.
 */
const INHERITED_MEMBERS: ReadonlyMap<string, TypeExpression> = new Map([
  ["constructor", typeReference("globalThis.Function")],
  ...[
    "toString",
    "toLocaleString",
    "valueOf",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
  ].map((name): [string, TypeExpression] => [name, ANY_FUNCTION]),
]);

/**
 * The type of a member. An optional member named like a member of `Object` (`constructor?: string`) also admits
 * the inherited member's type: TypeScript reads an absent `constructor` as the inherited `Function`, so without it
 * no object lacking the key (`{}`, `{ id: "a" }`) would be assignable to the type.
 */
function memberType(key: string, declared: TypeExpression, optional: boolean): TypeExpression {
  const inherited = optional ? INHERITED_MEMBERS.get(key) : undefined;
  if (inherited === undefined || declared.keyword === "unknown") {
    return declared;
  }
  return declared.keyword === "never" ? inherited : unionType([declared, inherited]);
}

/** The TypeScript type for a node, as text. */
export function typeText(node: TypeNode): string {
  return typeExpression(node).text;
}

/** The TypeScript type for a node. */
export function typeExpression(node: TypeNode): TypeExpression {
  switch (node.kind) {
    case "any":
      return keyword("unknown");
    case "null":
      return keyword("null");
    case "boolean":
      return keyword("boolean");
    case "string":
    case "encoded":
      return keyword("string");
    case "number":
      return keyword("number");
    case "literal":
      return unionType(node.values.map(literalType));
    case "object":
      return objectTypeExpression(node);
    case "array":
      return arrayType(typeExpression(node.items));
    case "map":
      return objectType([indexSignature(typeExpression(node.values))]);
    case "tuple":
      return tupleTypeExpression(node);
    case "union":
      return node.choice?.mode === "tagged"
        ? taggedChoiceType(node, node.choice)
        : unionType(node.members.map(typeExpression));
    case "ref":
      return typeReference(node.target);
    default:
      return assertNever(node, "type node");
  }
}

/**
 * Words TypeScript does not take as a tuple label (tsc: "Type expected"): reserved words, in strict mode too,
 * except those a type can start with (`null`, `typeof`, ...).
 */
const NOT_TUPLE_LABELS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends finally for if " +
    "in instanceof return super switch throw try var while with implements interface let package private " +
    "protected public static yield await"
  ).split(" "),
);

/** Labeled (`[latitude: string, longitude: string]`) when every element name is an identifier that can label. */
function tupleTypeExpression(node: TupleNode): TypeExpression {
  const labels = node.labels;
  const labeled =
    labels !== undefined &&
    labels.length === node.elements.length &&
    labels.every((label) => isIdentifier(label) && !NOT_TUPLE_LABELS.has(label));
  return tupleType(node.elements.map(typeExpression), labeled ? labels : undefined);
}

/** Exactly one key: each variant names its key and rules the others out with `?: never`. */
function taggedChoiceType(node: UnionNode, choice: ChoiceInfo): TypeExpression {
  return unionType(
    node.members.map((member, index) => {
      const name = choice.names[index] ?? "";
      const value = taggedChoiceValue(member, name);
      if (value === undefined) {
        return typeExpression(member);
      }
      const others = choice.names.filter((other) => other !== name);
      return objectType([
        propertySignature(name, typeExpression(value)),
        ...others.map((other) =>
          propertySignature(other, memberType(other, keyword("never"), true), { optional: true }),
        ),
      ]);
    }),
  );
}

function objectTypeExpression(node: ObjectNode): TypeExpression {
  const members = node.properties.map((p) =>
    propertySignature(p.key, memberType(p.key, typeExpression(p.type), !p.required), {
      optional: !p.required,
    }),
  );
  if (typeof node.additionalProperties !== "boolean") {
    // An index signature must admit every declared member, so with declared members it can only say `unknown`.
    const extra =
      node.properties.length === 0 ? typeExpression(node.additionalProperties) : keyword("unknown");
    members.push(indexSignature(extra));
  }
  const object = objectType(members);
  const sets = node.requiredSets ?? [];
  if (sets.length === 0) {
    return object;
  }
  // Alternative required key sets: each variant makes its set required (exclusivity is left to the guard).
  const typeOf = (key: string): TypeExpression =>
    typeExpression(node.properties.find((p) => p.key === key)?.type ?? { kind: "any" });
  const variants = sets.map((set) =>
    objectType(set.map((key) => propertySignature(key, typeOf(key)))),
  );
  return intersectionType([object, unionType(variants)]);
}
