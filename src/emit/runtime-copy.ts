/**
 * Copies runtime helpers from templates/*.ts into generated guards: each requested top-level declaration plus
 * the top-level declarations it references, transitively, in template order. The templates are real,
 * typechecked, tested TypeScript; nothing here writes helper code as strings (template-library.ts reads them).
 */
import { templateLibrary } from "./template-library.js";

/** Known helper names, for checks that every name the guard emitter asks for exists. */
export function templateNames(): ReadonlySet<string> {
  return new Set(templateLibrary().declarations.map((d) => d.name));
}

/** Source text of the requested helpers and everything they use, in template order, without exports. */
export function copyRuntime(requested: Iterable<string>): string[] {
  const all = templateLibrary().declarations;
  const byName = new Map(all.map((d) => [d.name, d]));
  const needed = new Set<string>();
  const visit = (name: string): void => {
    const declaration = byName.get(name);
    if (declaration === undefined) {
      throw new Error(`structgen internal error: no runtime helper named ${name} in templates/`);
    }
    if (!needed.has(name)) {
      needed.add(name);
      declaration.references.forEach(visit);
    }
  };
  [...requested].forEach(visit);
  const texts = all.filter((d) => needed.has(d.name)).map((d) => d.text);
  return [...new Set(texts)];
}
