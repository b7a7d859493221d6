/**
 * The declarations of one reading, registered under internal ids and named once every type is read.
 *
 * Names: the root keeps the document's root name; every other declaration of the document is named under it
 * (names.ts `prefixed`), and a declaration copied from another document of the run takes the name it has in that
 * document's own reading, under the root too (`CharacterPage` + `Character` -> `CharacterPageCharacter`).
 *
 * Collisions: two names the document declares (its root, its pools, named inline types) that meet are an error.
 * A derived name (an enum or inline object type, named by its property path, or a copy) that meets any other name
 * is renamed, with a warning: first to its path as written, joined with "_" (`Run_user_id`); if that still
 * collides, the ones after the first in code-unit order of their JSON pointers get "_2", "_3", ... The rule only
 * looks at property paths and pointers, so the names are the same however the document is read.
 */
import type { DiagnosticSink } from "../../model/diagnostics.js";
import type { Annotations, Declaration, TypeNode } from "../../model/model.js";
import { compareCodeUnits } from "../../model/order.js";
import type { DeclKind } from "./context.js";
import { pathName, prefixed } from "./names.js";

/** A registered declaration: its id, what names it, and (once read) its body. */
export interface Pending {
  readonly id: string;
  readonly kind: DeclKind;
  /** The name it has in its own document's reading. */
  readonly ownName: string;
  /** Root name and property path of a derived name, for the fallback. */
  readonly fallback: { readonly root: string; readonly path: readonly string[] };
  /** True when it comes from another document of the run. */
  readonly copied: boolean;
  /** Pointer in the main document: where it is declared, or the reference that copied it. */
  readonly pointer: string;
  type?: TypeNode;
  annotations?: Annotations;
}

const ID_PREFIX = "\u0000";

export class DeclarationTable {
  private readonly pending: Pending[] = [];

  register(entry: Omit<Pending, "id">): Pending {
    const registered = { ...entry, id: `${ID_PREFIX}${this.pending.length}` };
    this.pending.push(registered);
    return registered;
  }

  /**
   * Declarations that only refer to each other (`A = B | null`, `B = A`) can never check a value: each becomes
   * any value, with a warning at the first of its ring.
   */
  breakRings(
    sink: DiagnosticSink,
    rings: (declarations: readonly { name: string; type: TypeNode }[]) => Set<string>[],
  ): void {
    const typed = this.pending.map((p) => ({
      name: p.id,
      type: p.type ?? { kind: "any" as const },
    }));
    for (const ring of rings(typed)) {
      const members = this.pending.filter((p) => ring.has(p.id));
      const names = members.map((p) => p.ownName);
      for (const member of members) {
        member.type = { kind: "any" };
      }
      sink.warning(
        "SG_REF_CYCLE",
        members[0]?.pointer ?? "",
        `${names.join(", ")} only refer to each other (${[...names, names[0] ?? ""].join(" -> ")}), with no object or array in between; read as any value`,
      );
    }
  }

  /** The declarations, named; undefined when names the document declares collide (reported). */
  finish(root: string, sink: DiagnosticSink): Declaration[] | undefined {
    const names = this.assignNames(root, sink);
    if (names === undefined) {
      return undefined;
    }
    const rename = (type: TypeNode): TypeNode => renameRefs(type, names);
    return this.pending.map((p) => ({
      name: names.get(p.id) ?? p.ownName,
      type: rename(p.type ?? { kind: "any" }),
      annotations: p.annotations ?? {},
      pointer: p.pointer,
    }));
  }

  private assignNames(root: string, sink: DiagnosticSink): Map<string, string> | undefined {
    const finalName = (p: Pending) => (p.copied ? prefixed(root, p.ownName) : p.ownName);
    const owners = new Map<string, Pending>();
    let ok = true;
    for (const p of this.pending.filter((p) => p.kind !== "derived" && !p.copied)) {
      const name = finalName(p);
      const other = owners.get(name);
      if (other !== undefined) {
        sink.error(
          "SG_NAME_COLLISION",
          p.pointer,
          `type name "${name}" is declared twice (also at ${other.pointer === "" ? "the root" : other.pointer}); rename one of them`,
        );
        ok = false;
      }
      owners.set(name, p);
    }
    if (!ok) {
      return undefined;
    }
    const names = new Map([...owners].map(([name, p]) => [p.id, name]));
    const derived = this.pending.filter((p) => p.kind === "derived" || p.copied);
    const wanted = new Map<string, Pending[]>();
    for (const p of derived) {
      wanted.set(finalName(p), [...(wanted.get(finalName(p)) ?? []), p]);
    }
    const taken = new Set(owners.keys());
    const renamed: Pending[] = [];
    for (const [name, claimants] of wanted) {
      if (claimants.length === 1 && !taken.has(name) && claimants[0] !== undefined) {
        names.set(claimants[0].id, name);
        taken.add(name);
      } else {
        renamed.push(...claimants);
      }
    }
    this.renameDerived(renamed, { root, names, taken, finalName, sink });
    return names;
  }

  private renameDerived(
    renamed: readonly Pending[],
    context: {
      root: string;
      names: Map<string, string>;
      taken: Set<string>;
      finalName: (p: Pending) => string;
      sink: DiagnosticSink;
    },
  ): void {
    const { names, taken, finalName, sink } = context;
    const byPointer = [...renamed].sort((a, b) => compareCodeUnits(a.pointer, b.pointer));
    for (const p of byPointer) {
      const base = pathName(p.copied ? context.root : p.fallback.root, p.fallback.path);
      let name = base;
      for (let n = 2; taken.has(name); n++) {
        name = `${base}_${n}`;
      }
      taken.add(name);
      names.set(p.id, name);
      sink.warning(
        "SG_NAME_DERIVED",
        p.pointer,
        `the type structgen derives here would be named ${finalName(p)}, like another type of the document; it is named ${name} (derived names that collide take their property path)`,
      );
    }
  }
}

/** The type with every internal id replaced by the declaration's name. */
function renameRefs(type: TypeNode, names: ReadonlyMap<string, string>): TypeNode {
  switch (type.kind) {
    case "ref":
      return { kind: "ref", target: names.get(type.target) ?? type.target };
    case "object":
      return {
        ...type,
        properties: type.properties.map((p) => ({ ...p, type: renameRefs(p.type, names) })),
        additionalProperties:
          typeof type.additionalProperties === "boolean"
            ? type.additionalProperties
            : renameRefs(type.additionalProperties, names),
      };
    case "array":
      return { ...type, items: renameRefs(type.items, names) };
    case "map":
      return { ...type, values: renameRefs(type.values, names) };
    case "union":
      return { ...type, members: type.members.map((m) => renameRefs(m, names)) };
    case "tuple":
      return { ...type, elements: type.elements.map((e) => renameRefs(e, names)) };
    default:
      return type;
  }
}
