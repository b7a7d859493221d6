/**
 * One reading: the document being generated (the main unit) and the documents of the run it references, whose
 * declarations are copied into it (each copied once, its root and then what it reaches). References resolve in
 * the document first (a JSON pointer that reaches a schema, a declared type by name, the root by name), then
 * against the run (`$id`, file name, root type name; run-index.ts). What still does not resolve is any value,
 * with a warning.
 *
 * Why copies and not imports across files: every document's outputs stay self-contained (its guards import only
 * its own types, its JSON Schema compiles alone in ajv, one document can be generated or validated without the
 * others), as the OpenAPI enrichment already does; the copies are named under the document's root, so index.ts
 * never exports a name twice.
 */
import { DiagnosticSink } from "../../model/diagnostics.js";
import type { Annotations, Declaration, TypeNode } from "../../model/model.js";
import type { ResolvedOptions } from "../../model/options.js";
import { aliasRings } from "../alias-rings.js";
import type { IndexedDocument, RunIndex } from "../run-index.js";
import { isArrayValue, isObject, type JsonObject, type JsonValue, own } from "../source.js";
import {
  ANY,
  type DeclKind,
  type PoolEntry,
  type Reading,
  type Site,
  type Unit,
  warn,
} from "./context.js";
import { DeclarationTable, type Pending } from "./declarations.js";
import { documentTypeName, prefixed, typeNameOf } from "./names.js";
import { poolsOf } from "./pools.js";
import { documentationOf } from "./annotations.js";
import { readSchema } from "./schema.js";
import { readRoot } from "./root.js";

export class CatalogReading implements Reading {
  private readonly table = new DeclarationTable();
  private readonly units = new Map<string, { unit: Unit; root: TypeNode; origin: string }>();
  private readonly memo = new Map<string, TypeNode>();
  private readonly deferred: (() => void)[] = [];
  private readonly main: Unit;
  private mainRoot: TypeNode = ANY;

  constructor(
    readonly options: ResolvedOptions,
    private readonly index: RunIndex,
    main: Omit<Unit, "pools" | "main">,
  ) {
    this.main = {
      ...main,
      main: true,
      pools: poolsOf(main.document, (pointer, message) =>
        main.sink.error("SG_WRONG_SHAPE", pointer, message),
      ),
    };
  }

  /** Reads the document and everything it reaches; the declarations, named, or undefined on a naming error. */
  run(): Declaration[] | undefined {
    this.registerRoot(this.main, "");
    for (const entry of this.main.pools) {
      this.poolRef(this.main, entry);
    }
    for (let next = this.deferred.shift(); next !== undefined; next = this.deferred.shift()) {
      next();
    }
    this.table.breakRings(this.main.sink, aliasRings);
    return this.table.finish(this.main.rootName, this.main.sink);
  }

  declare(
    site: Site,
    kind: DeclKind,
    name: string,
    read: () => { type: TypeNode; annotations: Annotations },
  ): TypeNode {
    const pending = this.register(site.unit, kind, name, site.path, this.pointerIn(site));
    Object.assign(pending, read());
    return { kind: "ref", target: pending.id };
  }

  read(value: JsonValue | undefined, site: Site): TypeNode {
    return readSchema(value, site, this);
  }

  documentation(schema: JsonValue | undefined): Annotations {
    return documentationOf(schema);
  }

  reference(text: string, site: Site, at: string): TypeNode {
    const hash = text.indexOf("#");
    const base = hash < 0 ? text : text.slice(0, hash);
    const fragment = hash < 0 ? "" : text.slice(hash + 1);
    if (base !== "" && !/[/:.]/.test(base)) {
      // A bare word ("Vendor") names a type, as a type text would.
      return this.named(base, site, at) ?? this.unresolved(text, site, at);
    }
    let unit = site.unit;
    if (base !== "") {
      const found = this.index.withUri(base);
      if (found === undefined) {
        return this.unresolved(text, site, at, "no document of the run has that $id or file name");
      }
      unit = this.mount(found.entry, site, at, found.byId ? undefined : "by its file name");
    }
    if (fragment === "" || fragment === "/") {
      return this.rootOf(unit);
    }
    const local = this.inUnit(unit, fragment, site, at);
    if (local !== undefined) {
      return local;
    }
    const name = lastSegment(fragment);
    return (
      (base === "" ? this.fromRun(name, site, at) : undefined) ?? this.unresolved(text, site, at)
    );
  }

  named(name: string, site: Site, at: string): TypeNode | undefined {
    const unit = site.unit;
    const typeName = typeNameOf(name);
    const entry =
      unit.pools.find((e) => e.name === name) ??
      unit.pools.find((e) => typeName !== undefined && typeNameOf(e.name) === typeName);
    if (entry !== undefined) {
      return this.poolRef(unit, entry);
    }
    if (typeName === unit.rootName) {
      return this.rootOf(unit);
    }
    return this.fromRun(name, site, at);
  }

  private register(
    unit: Unit,
    kind: DeclKind,
    ownName: string,
    path: readonly string[],
    pointer: string,
  ): Pending {
    return this.table.register({
      kind,
      ownName,
      fallback: { root: unit.rootName, path: unit.main ? path : [unit.rootName, ...path] },
      copied: !unit.main,
      pointer,
    });
  }

  /**
   * Registers a unit's root, then reads it: the main unit's at once, a copied unit's after the current one is
   * done, so that a chain of documents referencing each other does not nest on the stack.
   */
  private registerRoot(unit: Unit, origin: string): void {
    const pending = this.register(unit, "root", unit.rootName, [], origin);
    const root: TypeNode = { kind: "ref", target: pending.id };
    const fill = () => Object.assign(pending, readRoot(unit, this));
    if (unit.main) {
      this.mainRoot = root;
      fill();
    } else {
      this.units.set(unit.file, { unit, root, origin });
      this.deferred.push(fill);
    }
  }

  private rootOf(unit: Unit): TypeNode {
    return unit.main ? this.mainRoot : (this.units.get(unit.file)?.root ?? ANY);
  }

  /** A declared type of a unit, registered before its body is read (so a type that reaches itself ends in a ref). */
  private poolRef(unit: Unit, entry: PoolEntry): TypeNode {
    const key = `${unit.file}\u0000${entry.pointer}`;
    const known = this.memo.get(key);
    if (known !== undefined) {
      return known;
    }
    const typeName = typeNameOf(entry.name);
    if (typeName === undefined) {
      unit.sink.error(
        "SG_BAD_NAME",
        entry.pointer,
        `type name ${JSON.stringify(entry.name)} has no letters or digits to make a type name from`,
      );
      return ANY;
    }
    const site: Site = { unit, pointer: entry.pointer, path: [entry.name], top: true };
    const pending = this.register(
      unit,
      "declared",
      prefixed(unit.rootName, typeName),
      site.path,
      this.pointerIn(site),
    );
    const ref: TypeNode = { kind: "ref", target: pending.id };
    this.memo.set(key, ref);
    Object.assign(pending, {
      type: readSchema(entry.schema, site, this),
      annotations: documentationOf(entry.schema),
    });
    return ref;
  }

  /** A fragment of a unit: a declared type at that pointer or by its last segment, any schema there, or the root. */
  private inUnit(unit: Unit, fragment: string, site: Site, at: string): TypeNode | undefined {
    const pointer = fragment.startsWith("/") ? fragment : `/${fragment}`;
    const entry = unit.pools.find((e) => e.pointer === pointer);
    if (entry !== undefined) {
      return this.poolRef(unit, entry);
    }
    const target = resolvePointer(unit.document, pointer);
    if (isObject(target)) {
      return this.poolRef(unit, { name: lastSegment(pointer), schema: target, pointer });
    }
    return this.named(lastSegment(pointer), { ...site, unit }, at);
  }

  /** Another document of the run whose root type has the name: copied into this one, with a warning. */
  private fromRun(name: string, site: Site, at: string): TypeNode | undefined {
    const typeName = typeNameOf(name);
    const entry = typeName === undefined ? undefined : this.index.withTypeName(typeName)[0];
    if (entry === undefined || entry.file === site.unit.file) {
      return undefined;
    }
    const unit = this.mount(entry, site, at, "by its name");
    return this.rootOf(unit);
  }

  /** The unit of a run document, mounted once; `how` says how it was found when that was by name. */
  private mount(entry: IndexedDocument, site: Site, at: string, how: string | undefined): Unit {
    if (entry.file === this.main.file) {
      return this.main;
    }
    if (!this.units.has(entry.file)) {
      const rootName =
        this.index.rootNameOf(entry.file)?.name ??
        documentTypeName(entry.document, entry.file)?.name ??
        "Document";
      const unit: Unit = {
        file: entry.file,
        document: entry.document,
        rootName,
        pools: poolsOf(entry.document),
        main: false,
        // A copied document's own problems are reported when it is generated itself.
        sink: new DiagnosticSink(entry.file),
      };
      this.registerRoot(unit, this.pointerIn({ ...site, pointer: at }));
    }
    if (how !== undefined) {
      warn(
        site,
        "SG_CROSS_DOCUMENT_REF",
        at,
        `this document does not declare it; it is read as the root type ${this.units.get(entry.file)?.unit.rootName ?? ""} of ${entry.file}, found ${how}, whose declarations are copied here`,
      );
    }
    return this.units.get(entry.file)?.unit ?? this.main;
  }

  /** Where a declaration of a unit sits in the main document: itself, or the reference that copied its unit. */
  private pointerIn(site: Site): string {
    return site.unit.main ? site.pointer : (this.units.get(site.unit.file)?.origin ?? "");
  }

  private unresolved(text: string, site: Site, at: string, why?: string): TypeNode {
    warn(
      site,
      "SG_UNRESOLVED_REF",
      at,
      `$ref ${JSON.stringify(text)} does not reach a type of this document or of another document of the run${why === undefined ? "" : ` (${why})`}; it is read as any value`,
    );
    return ANY;
  }
}

function lastSegment(pointer: string): string {
  const raw = pointer.split("/").pop() ?? "";
  const unescaped = raw.replace(/~1/g, "/").replace(/~0/g, "~");
  try {
    return decodeURIComponent(unescaped);
  } catch {
    return unescaped;
  }
}

/** The value a JSON pointer reaches in a document, through own keys only. */
function resolvePointer(document: JsonObject, pointer: string): JsonValue | undefined {
  let current: JsonValue | undefined = document;
  for (const segment of pointer.split("/").slice(1)) {
    const key = segment.replace(/~1/g, "/").replace(/~0/g, "~");
    if (isArrayValue(current)) {
      current = /^(0|[1-9][0-9]*)$/.test(key) ? current[Number(key)] : undefined;
    } else if (isObject(current)) {
      current = own(current, key);
    } else {
      return undefined;
    }
  }
  return current;
}
