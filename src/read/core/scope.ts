/**
 * The document scope: resolves `#/definitions/...` pointers (Core §`$ref` Keyword: a JSON Pointer fragment into
 * the same document that must reach a type declaration) and reads each declaration once. Reading a declaration
 * may need another one fully read first (`$extends` bases, inline choice variants); meeting a declaration that is
 * still being read is a cycle, reported at the pointer that closed it.
 */
import { appendPointer } from "../../model/pointer.js";
import { type JsonValue, own } from "../source.js";
import { type Entry, type ResolvedEntry, type Scope, type Source } from "./context.js";
import { pathKey, type Table } from "./namespaces.js";
import { annotationsOf } from "./annotations.js";
import { parseSchema } from "./types.js";

const PREFIX = "#/definitions/";

/**
 * The longest `$extends` chain structgen reads. Bases are flattened into each derived type, so the output grows
 * with depth times properties: the limit keeps that growth linear in the document's size (a chain of 10,000
 * would be 50 million inherited properties). Real hierarchies are a handful of levels deep.
 */
export const MAX_EXTENDS_DEPTH = 64;

export class DocumentScope implements Scope {
  private readonly state = new Map<Entry, ResolvedEntry | "pending" | "failed">();
  /** How many `$extends` levels stand above each entry read (0: it extends nothing). */
  private readonly depths = new Map<Entry, number>();

  constructor(
    private readonly table: Table,
    private readonly names: ReadonlyMap<Entry, string>,
  ) {}

  nameOf(entry: Entry): string {
    return this.names.get(entry) ?? entry.path.join("_");
  }

  lookup(
    pointer: JsonValue | undefined,
    source: Source,
    at: string,
    what: string,
  ): Entry | undefined {
    if (typeof pointer !== "string") {
      source.sink.error(
        "SG_WRONG_SHAPE",
        at,
        `${what} must be a JSON Pointer string such as "#/definitions/Name", not ${JSON.stringify(pointer) ?? "nothing"}`,
      );
      return undefined;
    }
    const segments = parsePointer(pointer);
    if (typeof segments === "string") {
      source.sink.error("SG_UNRESOLVED_REF", at, `${what} ${JSON.stringify(pointer)} ${segments}`);
      return undefined;
    }
    const path = [...source.mount, ...segments];
    const entry = this.table.get(pathKey(path));
    if (entry === undefined) {
      source.sink.error(
        "SG_UNRESOLVED_REF",
        at,
        `${what} ${JSON.stringify(pointer)} ${this.whyMissing(path)}`,
      );
    }
    return entry;
  }

  resolve(entry: Entry, at: { source: Source; pointer: string }): ResolvedEntry | undefined {
    const state = this.state.get(entry);
    if (state === "pending") {
      at.source.sink.error(
        "SG_REF_CYCLE",
        at.pointer,
        `${this.nameOf(entry)} depends on itself through $extends or an inline choice`,
      );
      return undefined;
    }
    if (state !== undefined) {
      return state === "failed" ? undefined : state;
    }
    this.state.set(entry, "pending");
    const ctx = { source: entry.source, scope: this };
    const type = parseSchema(entry.schema, entry.pointer, ctx, {
      isDocumentRoot: entry.isDocumentRoot,
    });
    // Checked after the read: reading the type has read its bases, so their depths are known.
    const resolved =
      type === undefined || !this.withinExtendsLimit(entry)
        ? undefined
        : {
            type,
            annotations: annotationsOf(entry.schema, entry.pointer, ctx),
            abstract: own(entry.schema, "abstract") === true,
          };
    this.state.set(entry, resolved ?? "failed");
    return resolved;
  }

  /**
   * Records the entry's `$extends` depth, or reports it past MAX_EXTENDS_DEPTH. A base that failed was reported
   * already and counts as 0 here.
   */
  private withinExtendsLimit(entry: Entry): boolean {
    let depth = 0;
    for (const base of this.basesOf(entry)) {
      depth = Math.max(depth, (this.depths.get(base) ?? 0) + 1);
    }
    if (depth > MAX_EXTENDS_DEPTH) {
      const message = `${this.nameOf(entry)} is ${depth} $extends levels deep; structgen reads at most ${MAX_EXTENDS_DEPTH}, because every base is flattened into the types built on it`;
      entry.source.sink.error(
        "SG_EXTENDS_TOO_DEEP",
        appendPointer(entry.pointer, "$extends"),
        message,
      );
      return false;
    }
    this.depths.set(entry, depth);
    return true;
  }

  /** Reads every entry (in table order); entries already read are not read again. */
  resolveAll(): { entry: Entry; resolved: ResolvedEntry }[] {
    for (const entry of this.table.values()) {
      this.resolveBasesFirst(entry);
    }
    return [...this.table.values()].flatMap((entry) => {
      const resolved = this.resolve(entry, { source: entry.source, pointer: entry.pointer });
      return resolved === undefined ? [] : [{ entry, resolved }];
    });
  }

  /**
   * Reads the `$extends` bases of `entry`, deepest first, with an explicit stack: reading a type reads its bases,
   * so a chain of 10,000 bases would otherwise nest 10,000 reads deep. Cycles are left for `resolve` to report.
   */
  private resolveBasesFirst(entry: Entry): void {
    const order: Entry[] = [];
    const seen = new Set<Entry>([entry]);
    const pending = [entry];
    while (pending.length > 0) {
      const next = pending.pop() as Entry;
      order.push(next);
      for (const base of this.basesOf(next)) {
        if (seen.has(base)) {
          // A cycle (or a shared base): leave the order to `resolve`, which reports a cycle where it closes.
          return;
        }
        if (!this.state.has(base)) {
          seen.add(base);
          pending.push(base);
        }
      }
    }
    // `order` lists each entry before its bases; reading it backwards reads bases before the types built on them.
    for (const base of order.slice(1).reverse()) {
      this.resolve(base, { source: base.source, pointer: base.pointer });
    }
  }

  /** The entries an entry's `$extends` names, found silently: `resolve` reports any that are wrong. */
  private basesOf(entry: Entry): Entry[] {
    const raw = own(entry.schema, "$extends");
    const pointers =
      typeof raw === "string"
        ? [raw]
        : Array.isArray(raw)
          ? raw.filter((p): p is string => typeof p === "string")
          : [];
    return pointers.flatMap((pointer) => {
      const segments = parsePointer(pointer);
      const base =
        typeof segments === "string"
          ? undefined
          : this.table.get(pathKey([...entry.source.mount, ...segments]));
      return base === undefined ? [] : [base];
    });
  }

  private whyMissing(path: readonly string[]): string {
    const key = pathKey(path);
    const entries = [...this.table.values()];
    if (entries.some((e) => pathKey(e.path).startsWith(`${key}/`))) {
      return "points to a namespace, not a type declaration";
    }
    const outer = entries.find((e) => key.startsWith(`${pathKey(e.path)}/`));
    if (outer !== undefined) {
      return `points inside the type ${this.nameOf(outer)}; a reference must reach a type declaration`;
    }
    return "does not reach a type declaration";
  }
}

/** The namespace path of a `#/definitions/...` pointer, or why it is not one. */
export function parsePointer(pointer: string): readonly string[] | string {
  if (!pointer.startsWith(PREFIX)) {
    return pointer.startsWith("#/")
      ? 'must point into "#/definitions/"'
      : 'must be a JSON Pointer fragment into "#/definitions/" of the same document';
  }
  const segments = pointer.slice(PREFIX.length).split("/");
  if (segments.some((s) => s === "")) {
    return "has an empty segment";
  }
  if (segments.some((s) => /~(?![01])/.test(s))) {
    return 'has an invalid escape ("~" must be followed by 0 or 1)';
  }
  return segments.map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}
