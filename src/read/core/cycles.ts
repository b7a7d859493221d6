/**
 * Reference cycles that never reach a value (Core §Type References; SDK asset `circular-ref-direct`): a
 * declaration that is only a reference to itself, or a ring of such aliases, possibly through unions
 * (`A = B | null`, `B = A`). Recursion through an object, array, set, map, tuple or choice is fine (a tree).
 * Guards for such a ring would recurse forever, so it is an error.
 */
import type { TypeNode } from "../../model/model.js";
import type { DiagnosticSink } from "../../model/diagnostics.js";
import { aliasRings } from "../alias-rings.js";

export interface NamedType {
  readonly name: string;
  readonly type: TypeNode;
  readonly pointer: string;
  readonly sink: DiagnosticSink;
}

/**
 * Reports every alias ring once, at its first declaration in document order; returns whether any was found.
 */
export function reportAliasCycles(declarations: readonly NamedType[]): boolean {
  const rings = aliasRings(declarations);
  for (const ring of rings) {
    const members = declarations.filter((d) => ring.has(d.name));
    const first = members[0];
    if (first === undefined) {
      continue;
    }
    const names = members.map((d) => d.name);
    first.sink.error(
      "SG_REF_CYCLE",
      first.pointer,
      `${first.name} refers to itself (${[...names, first.name].join(" -> ")}) without any object, array, map, tuple or choice in between: no value can ever be checked`,
    );
  }
  return rings.length > 0;
}
