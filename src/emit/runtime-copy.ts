/**
 * Copies runtime helpers from templates/*.ts into generated guards: each requested top-level declaration plus
 * the top-level declarations it references, transitively, in template order. The templates are real,
 * typechecked, tested TypeScript; nothing here writes helper code as strings.
 */
import { readFileSync } from "node:fs";
import { ts } from "./ts-morph.js";

const TEMPLATE_FILES = ["runtime.ts", "formats.ts", "encoded.ts", "core-formats.ts"];

interface TemplateDeclaration {
  readonly name: string;
  /** Source text without the `export` keyword. */
  readonly text: string;
  readonly references: readonly string[];
}

let library: readonly TemplateDeclaration[] | undefined;

/** The template folder, next to dist/ (built) or src/ (tests). */
function templateUrl(file: string): URL {
  return new URL(`../../templates/${file}`, import.meta.url);
}

function loadLibrary(): readonly TemplateDeclaration[] {
  if (library !== undefined) {
    return library;
  }
  const declarations: TemplateDeclaration[] = [];
  for (const file of TEMPLATE_FILES) {
    // The compiler's own parser, not a ts-morph Project: only a parse and one walk are needed, and wrapping
    // every identifier in a ts-morph node cost most of a one-document run's emit time.
    const source = ts.createSourceFile(
      file,
      readFileSync(templateUrl(file), "utf8"),
      ts.ScriptTarget.Latest,
      true,
    );
    declarations.push(...topLevelDeclarations(source));
  }
  const names = new Set(declarations.map((d) => d.name));
  library = declarations.map((d) => ({
    ...d,
    references: d.references.filter((r) => names.has(r) && r !== d.name),
  }));
  return library;
}

function topLevelDeclarations(source: ts.SourceFile): TemplateDeclaration[] {
  const found: TemplateDeclaration[] = [];
  for (const statement of source.statements) {
    const names = ts.isFunctionDeclaration(statement)
      ? [statement.name?.text ?? ""]
      : ts.isVariableStatement(statement)
        ? statement.declarationList.declarations.map((d) => d.name.getText(source))
        : [];
    const references = [...new Set(identifiersIn(statement, source))];
    const text = statement.getText(source).replace(/^export\s+/, "");
    for (const name of names.filter((n) => n !== "")) {
      found.push({ name, text, references });
    }
  }
  return found;
}

/** The text of every identifier under `node`, in source order. */
function identifiersIn(node: ts.Node, source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (child: ts.Node): void => {
    if (ts.isIdentifier(child)) {
      found.push(child.getText(source));
    }
    ts.forEachChild(child, visit);
  };
  visit(node);
  return found;
}

/** Known helper names, for checks that every name the guard emitter asks for exists. */
export function templateNames(): ReadonlySet<string> {
  return new Set(loadLibrary().map((d) => d.name));
}

/** Source text of the requested helpers and everything they use, in template order, without exports. */
export function copyRuntime(requested: Iterable<string>): string[] {
  const all = loadLibrary();
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
