/**
 * Copies runtime helpers from templates/*.ts into generated guards: each requested top-level declaration plus
 * the top-level declarations it references, transitively, in template order. The templates are real,
 * typechecked, tested TypeScript; nothing here writes helper code as strings.
 */
import { readFileSync } from "node:fs";
import { Project, type SourceFile, SyntaxKind } from "ts-morph";

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
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { noLib: true } });
  const declarations: TemplateDeclaration[] = [];
  for (const file of TEMPLATE_FILES) {
    const source = project.createSourceFile(file, readFileSync(templateUrl(file), "utf8"));
    declarations.push(...topLevelDeclarations(source));
  }
  const names = new Set(declarations.map((d) => d.name));
  library = declarations.map((d) => ({ ...d, references: d.references.filter((r) => names.has(r) && r !== d.name) }));
  return library;
}

function topLevelDeclarations(source: SourceFile): TemplateDeclaration[] {
  const found: TemplateDeclaration[] = [];
  for (const statement of source.getStatements()) {
    const names = statement.isKind(SyntaxKind.FunctionDeclaration)
      ? [statement.getName() ?? ""]
      : statement.isKind(SyntaxKind.VariableStatement)
        ? statement.getDeclarations().map((d) => d.getName())
        : [];
    const references = [...new Set(statement.getDescendantsOfKind(SyntaxKind.Identifier).map((id) => id.getText()))];
    const text = statement.getText().replace(/^export\s+/, "");
    for (const name of names.filter((n) => n !== "")) {
      found.push({ name, text, references });
    }
  }
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
