/**
 * Reference cycles that never reach a value (Core §Type References; SDK asset `circular-ref-direct`): a
 * declaration that is only a reference to itself, or a ring of such aliases, possibly through unions
 * (`A = B | null`, `B = A`). Recursion through an object, array, set, map, tuple or choice is fine (a tree).
 * Guards for such a ring would recurse forever, so it is an error.
 */
import type { TypeNode } from "../model.js";
import type { DiagnosticSink } from "../diagnostics.js";

export interface NamedType {
  readonly name: string;
  readonly type: TypeNode;
  readonly pointer: string;
  readonly sink: DiagnosticSink;
}

/** The declarations a type reaches without passing through a container. */
function directTargets(type: TypeNode): string[] {
  switch (type.kind) {
    case "ref":
      return [type.target];
    case "union":
      return type.choice === undefined ? type.members.flatMap(directTargets) : [];
    default:
      return [];
  }
}

/** Reports every alias ring once, at its first declaration in document order; returns whether any was found. */
export function reportAliasCycles(declarations: readonly NamedType[]): boolean {
  const byName = new Map(declarations.map((d) => [d.name, d]));
  const reported = new Set<string>();
  let found = false;
  for (const start of declarations) {
    const cycle = findCycle(start.name, byName);
    if (cycle === undefined || cycle.some((name) => reported.has(name))) {
      continue;
    }
    cycle.forEach((name) => reported.add(name));
    found = true;
    start.sink.error(
      "SG_REF_CYCLE",
      start.pointer,
      `${start.name} refers to itself (${[...cycle, cycle[0]].join(" -> ")}) without any object, array, map, tuple or choice in between: no value can ever be checked`,
    );
  }
  return found;
}

function findCycle(start: string, byName: ReadonlyMap<string, NamedType>): string[] | undefined {
  // A declaration explored once without reaching `start` cannot reach it later: linear, not exponential.
  const explored = new Set<string>();
  const visit = (name: string, trail: readonly string[]): string[] | undefined => {
    explored.add(name);
    const declaration = byName.get(name);
    for (const next of declaration === undefined ? [] : directTargets(declaration.type)) {
      if (next === start) {
        return [...trail, name];
      }
      if (!explored.has(next)) {
        const found = visit(next, [...trail, name]);
        if (found !== undefined) {
          return found;
        }
      }
    }
    return undefined;
  };
  return visit(start, []);
}
