/**
 * JSON Structure Core -> model, top to bottom: root keywords -> declarations from `definitions` and imports ->
 * TypeScript names -> each declaration read once (types.ts and friends) -> reference cycles -> root -> the
 * instance-document keys. Diagnostics go to the sink of the file they concern (imported files have their own).
 */
import { dirname, resolve } from "node:path";
import type { Diagnostic, DiagnosticSink } from "../../model/diagnostics.js";
import type { Declaration, ModelDocument, Property, TypeNode } from "../../model/model.js";
import { fileStem, toFileSlug } from "../../model/names.js";
import type { PatternCheck } from "../pattern-safety.js";
import type { JsonObject } from "../source.js";
import type { Entry, ResolvedEntry, Source } from "./context.js";
import { reportAliasCycles } from "./cycles.js";
import { checkOffers, featuresOf, readRoot, type RootShape } from "./document.js";
import type { ImportedFile, ImportState } from "./imports.js";
import { collectDocument, pathKey, type Table } from "./namespaces.js";
import { assignNames } from "./naming.js";
import { DocumentScope } from "./scope.js";

export interface CoreResult {
  readonly model?: ModelDocument;
  /** Diagnostics about imported files (the input's own are in its sink). */
  readonly imported: readonly Diagnostic[];
}

export function readCore(
  document: JsonObject,
  file: string,
  sink: DiagnosticSink,
  files: ReadonlyMap<string, ImportedFile>,
  patterns: PatternCheck,
): CoreResult {
  const root = readRoot(document, sink);
  const features = featuresOf(document, sink);
  const state: ImportState = {
    files,
    sinks: [],
    stack: [resolve(file)],
    cache: new Map(),
    patterns,
  };
  const imported = (): Diagnostic[] => state.sinks.flatMap((s) => s.items);
  if (root === undefined) {
    return { imported: [] };
  }
  const table: Table = new Map();
  collectDocument({ value: document, file, sink, features }, dirname(file), [], true, table, state);
  const names = assignNames([...table.values()]);
  if (names === undefined) {
    return { imported: imported() };
  }
  const source: Source = { file, dir: dirname(file), sink, features, mount: [], patterns };
  const scope = new DocumentScope(table, names);
  const rootEntry = findRoot(root, table, source, scope);
  const read = scope.resolveAll();
  checkOffers(document, source, scope);
  const failed = sink.hasErrors || state.sinks.some((s) => s.hasErrors);
  const declarations = read.map(({ entry, resolved }) =>
    declarationOf(entry, resolved, scope.nameOf(entry), entry === rootEntry),
  );
  if (
    failed ||
    rootEntry === undefined ||
    reportAliasCycles(
      declarations.map((d, i) => ({ ...d, sink: read[i]?.entry.source.sink ?? sink })),
    )
  ) {
    return { imported: imported() };
  }
  const slug = toFileSlug(fileStem(file));
  if ("problem" in slug) {
    sink.error("SG_BAD_NAME", "", slug.problem);
    return { imported: imported() };
  }
  const rootName = scope.nameOf(rootEntry);
  const ordered = [
    ...declarations.filter((d) => d.name === rootName),
    ...declarations.filter((d) => d.name !== rootName),
  ];
  const description =
    typeof document["description"] === "string" ? document["description"] : undefined;
  const model: ModelDocument = {
    file,
    baseName: slug.slug,
    dialect: "core",
    root: rootName,
    declarations: ordered,
    ...(description === undefined ? {} : { description }),
  };
  return { model, imported: imported() };
}

/** The root type: the inline one, the `$root` target, or, for a type library, the first concrete declaration. */
function findRoot(
  root: RootShape,
  table: Table,
  source: Source,
  scope: DocumentScope,
): Entry | undefined {
  if (root.name !== undefined) {
    return table.get(pathKey([root.name]));
  }
  if (root.rootPointer !== undefined) {
    const entry = scope.lookup(root.rootPointer, source, "/$root", "$root");
    if (entry !== undefined && entry.schema["abstract"] === true) {
      source.sink.error(
        "SG_ABSTRACT_USE",
        "/$root",
        `$root names ${scope.nameOf(entry)}, which is abstract`,
      );
      return undefined;
    }
    return entry;
  }
  const first = [...table.values()].find((e) => e.schema["abstract"] !== true);
  if (first === undefined) {
    source.sink.error(
      "SG_MISSING_KEY",
      "",
      "the document declares no type: it needs a root type, $root or definitions",
    );
    return undefined;
  }
  source.sink.warning(
    "SG_NO_ROOT",
    "",
    `the document has no root type or $root (a type library); ${scope.nameOf(first)} is used as the root`,
  );
  return first;
}

function declarationOf(
  entry: Entry,
  resolved: ResolvedEntry,
  name: string,
  isRoot: boolean,
): Declaration {
  return {
    name,
    type: isRoot ? withDocumentKeys(resolved.type) : resolved.type,
    annotations: resolved.annotations,
    pointer: entry.pointer,
    ...(resolved.abstract ? { abstract: true } : {}),
  };
}

/**
 * Instance documents may carry `$schema` and `$uses` at their root (33 of the 34 core examples do, core/02 with
 * `additionalProperties: false`), so the root object declares both as optional members. A tagged choice at the
 * root cannot take them (exactly one key); the README says so.
 */
function withDocumentKeys(type: TypeNode): TypeNode {
  const keys: Property[] = [
    {
      key: "$schema",
      required: false,
      type: { kind: "string" },
      annotations: { description: "The schema this instance claims (its $id)." },
      pointer: "",
    },
    {
      key: "$uses",
      required: false,
      type: { kind: "array", items: { kind: "string" }, unique: false },
      annotations: { description: "Add-ins this instance opts into." },
      pointer: "",
    },
  ];
  if (type.kind === "object") {
    return {
      ...type,
      properties: [
        ...type.properties,
        ...keys.filter((k) => !type.properties.some((p) => p.key === k.key)),
      ],
    };
  }
  if (type.kind === "union" && type.choice?.mode === "inline") {
    return { ...type, members: type.members.map(withDocumentKeys) };
  }
  return type;
}
