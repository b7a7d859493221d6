/**
 * Alias rings: declarations that only refer to each other, possibly through unions (`A = B | null`, `B = A`),
 * never through an object, array, set, map, tuple or choice. No value can ever be checked against such a ring
 * (guards would recurse forever, TypeScript calls the aliases circular). The readers decide what a ring means:
 * an error in JSON Structure Core, `unknown` with a warning in the catalog reading.
 */
import type { TypeNode } from "../model/model.js";

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

/**
 * The rings among `declarations`: components of the alias graph with more than one declaration, or one that
 * refers to itself directly. Tarjan's algorithm, iterative so that a chain of 10,000 aliases costs linear time
 * and no stack.
 */
export function aliasRings(
  declarations: readonly { readonly name: string; readonly type: TypeNode }[],
): Set<string>[] {
  const byName = new Map(declarations.map((d) => [d.name, d]));
  const targetsOf = (name: string): string[] => {
    const declaration = byName.get(name);
    return declaration === undefined
      ? []
      : directTargets(declaration.type).filter((t) => byName.has(t));
  };
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const rings: Set<string>[] = [];
  let counter = 0;
  for (const root of declarations) {
    if (index.has(root.name)) {
      continue;
    }
    // Each frame: a declaration and how many of its targets have been looked at.
    const frames: { name: string; targets: string[]; next: number }[] = [];
    const enter = (name: string): void => {
      index.set(name, counter);
      low.set(name, counter);
      counter += 1;
      stack.push(name);
      onStack.add(name);
      frames.push({ name, targets: targetsOf(name), next: 0 });
    };
    enter(root.name);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1] as { name: string; targets: string[]; next: number };
      const target = frame.targets[frame.next];
      if (target !== undefined) {
        frame.next += 1;
        if (!index.has(target)) {
          enter(target);
        } else if (onStack.has(target)) {
          low.set(frame.name, Math.min(low.get(frame.name) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) {
        low.set(parent.name, Math.min(low.get(parent.name) ?? 0, low.get(frame.name) ?? 0));
      }
      if (low.get(frame.name) === index.get(frame.name)) {
        const component = new Set<string>();
        for (;;) {
          const member = stack.pop();
          if (member === undefined) {
            break;
          }
          onStack.delete(member);
          component.add(member);
          if (member === frame.name) {
            break;
          }
        }
        if (component.size > 1 || targetsOf(frame.name).includes(frame.name)) {
          rings.push(component);
        }
      }
    }
  }
  return rings;
}
