/**
 * Enrich, step 3: `$ref`s to `components.schemas` become named declarations of the summary's document, each
 * with its own interface (or literal union), guards and schema definition.
 *
 * Names: the component's name made an identifier, prefixed with the document's root type unless it already
 * starts with it (`Run` + `LettaRequestConfig` -> `RunLettaRequestConfig`, `Run` + `RunStatus` -> `RunStatus`).
 * Every document is self-contained (its guards import only its own types file), so two summaries that reach the
 * same component each carry a copy; the prefix keeps their exports apart in the one index.ts, and a document's
 * names never depend on which other inputs are in the run. A component is declared once per document however
 * often it is reached; it is registered before its body is read, so cycles end in a reference.
 */
import type { Declaration, TypeNode } from "../model/model.js";
import { toTypeIdentifier } from "../model/names.js";
import { appendPointer } from "../model/pointer.js";
import { type JsonValue, own } from "../read/source.js";
import type { SpecDocument } from "./spec.js";
import { annotationsOf, type ConvertContext, toTypeNode } from "./to-model.js";

const PREFIX = "#/components/schemas/";

export class ComponentTable {
  private readonly names = new Map<string, string>();
  private readonly order: string[] = [];
  private readonly built = new Map<string, Declaration>();
  /** The converter's view of this table: spec version, options, warnings, and `refer` below. */
  readonly convert: ConvertContext;

  constructor(
    private readonly spec: SpecDocument,
    /** The component the summary describes, and its declaration (the document's root). */
    private readonly entity: string,
    private readonly rootName: string,
    /** Declaration names already used in the document. */
    private readonly taken: Set<string>,
    /** Where in the summary the first use of a component comes from (declaration pointers are summary pointers). */
    private readonly origin: () => string,
    private readonly context: Pick<
      ConvertContext,
      "additionalProperties" | "warn" | "checkPattern"
    >,
  ) {
    this.names.set(entity, rootName);
    this.convert = {
      version: spec.version,
      additionalProperties: context.additionalProperties,
      warn: (pointer, message) => context.warn(pointer, message),
      checkPattern: (pattern, pointer) => context.checkPattern(pattern, pointer),
      refer: (ref, pointer) => this.refer(ref, pointer),
    };
  }

  /** Makes `component` mean an existing declaration (a summary enum already declared for the same values). */
  alias(component: string, declaration: string): void {
    if (!this.names.has(component)) {
      this.names.set(component, declaration);
    }
  }

  /** The component a `$ref` names, or undefined for any other kind of reference. */
  static componentOf(ref: string): string | undefined {
    if (!ref.startsWith(PREFIX) || ref.slice(PREFIX.length).includes("/")) {
      return undefined;
    }
    const segment = ref.slice(PREFIX.length).replace(/~1/g, "/").replace(/~0/g, "~");
    try {
      return decodeURIComponent(segment);
    } catch {
      return segment;
    }
  }

  schemaOf(component: string): JsonValue | undefined {
    return own(this.spec.schemas, component);
  }

  refer(ref: string, pointer: string): TypeNode {
    const component = ComponentTable.componentOf(ref);
    if (component === undefined) {
      this.context.warn(
        pointer,
        `$ref ${JSON.stringify(ref)} does not name an entry of components.schemas (external and nested references are not read); read as any value`,
      );
      return { kind: "any" };
    }
    const known = this.names.get(component);
    if (known !== undefined) {
      return { kind: "ref", target: known };
    }
    const schema = this.schemaOf(component);
    if (schema === undefined) {
      this.context.warn(
        pointer,
        `$ref ${JSON.stringify(ref)} names a schema that components.schemas does not have; read as any value`,
      );
      return { kind: "any" };
    }
    const name = this.declarationName(component);
    if (name === undefined || this.taken.has(name)) {
      const why =
        name === undefined
          ? "has no letters or digits to make a type name from"
          : `would be named ${name}, which the document already declares`;
      this.context.warn(
        pointer,
        `component ${JSON.stringify(component)} ${why}; read as any value`,
      );
      return { kind: "any" };
    }
    this.names.set(component, name);
    this.taken.add(name);
    this.order.push(component);
    const at = appendPointer("/components/schemas", component);
    const type = toTypeNode(schema, at, this.convert);
    const { description, deprecated } = annotationsOf(schema);
    const annotations = {
      ...(description === undefined ? {} : { description }),
      ...(deprecated === undefined ? {} : { deprecated }),
    };
    this.built.set(component, { name, type, annotations, pointer: this.origin() });
    return { kind: "ref", target: name };
  }

  /** The declarations made so far, in the order their components were first reached. */
  declarations(): Declaration[] {
    return this.order.flatMap((component) => {
      const declaration = this.built.get(component);
      return declaration === undefined ? [] : [declaration];
    });
  }

  /**
   * The declarations, with alias rings broken: components that only name each other (`A: $ref B`, `B: anyOf
   * [$ref A, null]`) have no value that ends, and TypeScript refuses such aliases; they become `any`, with a warning.
   */
  finish(): Declaration[] {
    const declarations = this.declarations();
    const byName = new Map(declarations.map((d) => [d.name, d]));
    return declarations.map((declaration) => {
      if (!aliasReaches(declaration.name, declaration.type, byName, new Set())) {
        return declaration;
      }
      const component =
        [...this.names].find(([, name]) => name === declaration.name)?.[0] ?? declaration.name;
      this.context.warn(
        appendPointer("/components/schemas", component),
        `component ${JSON.stringify(component)} only refers to itself through other references; read as any value`,
      );
      return { ...declaration, type: { kind: "any" } };
    });
  }

  private declarationName(component: string): string | undefined {
    const identifier = toTypeIdentifier(component);
    if (identifier === undefined) {
      return undefined;
    }
    return identifier.startsWith(this.rootName)
      ? identifier
      : `${this.rootName}${identifier.replace(/^_/, "")}`;
  }
}

/** Whether `type`, looking only through references and union members (not into objects or arrays), reaches `name`. */
function aliasReaches(
  name: string,
  type: TypeNode,
  byName: ReadonlyMap<string, Declaration>,
  seen: Set<string>,
): boolean {
  if (type.kind === "union") {
    return type.members.some((member) => aliasReaches(name, member, byName, seen));
  }
  if (type.kind !== "ref") {
    return false;
  }
  if (type.target === name) {
    return true;
  }
  const next = byName.get(type.target);
  if (next === undefined || seen.has(type.target)) {
    return false;
  }
  seen.add(type.target);
  return aliasReaches(name, next.type, byName, seen);
}
