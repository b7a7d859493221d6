/**
 * The runtime helpers of templates/*.ts, as the guards copy them: each top-level declaration's text (without
 * `export`) and the template declarations it references. They come from templates/library.json, which
 * `npm run templates` writes from the templates, together with each helper as the pinned prettier formats it at
 * the styles of `styles` (the format stage then needs no prettier for them; see format/fast/). The file records the
 * SHA-256 of the templates it was made from, and is believed only while they still hash so (a template edited since
 * would otherwise be copied as it was): else the templates are parsed here, as library.json's maker parses them,
 * and prettier formats the helpers. test/templates/library.test.ts holds library.json equal to a fresh build.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { ts } from "./ts-morph.js";

export const TEMPLATE_FILES = ["runtime.ts", "formats.ts", "encoded.ts", "core-formats.ts"];

export interface TemplateDeclaration {
  readonly name: string;
  /** Source text without the `export` keyword. */
  readonly text: string;
  readonly references: readonly string[];
}

/** A prettier style the formatted helpers were made for (see format/fast/style.ts). */
export interface LibraryStyle {
  readonly printWidth: number;
  readonly tabWidth: number;
  readonly trailingComma: "all" | "es5" | "none";
}

/** templates/library.json. */
export interface LibraryFile {
  readonly $comment: string;
  /** The prettier version that formatted the helpers. */
  readonly prettier: string;
  /** SHA-256 of each template file the library was made from. */
  readonly sources: Readonly<Record<string, string>>;
  readonly styles: readonly LibraryStyle[];
  readonly declarations: readonly {
    readonly names: readonly string[];
    readonly text: string;
    readonly references: readonly string[];
    /** For each style, the index in `variants` of the declaration as prettier formats it (no final newline). */
    readonly formatted: readonly number[];
  }[];
  readonly variants: readonly string[];
}

export interface TemplateLibrary {
  readonly declarations: readonly TemplateDeclaration[];
  /** What library.json says, when it was made from the templates as they are now. */
  readonly file: LibraryFile | undefined;
}

/** The template folder, next to dist/ (built) or src/ (tests). */
function templateUrl(file: string): URL {
  return new URL(`../../templates/${file}`, import.meta.url);
}

export const LIBRARY_FILE = "library.json";

let library: TemplateLibrary | undefined;

export function templateLibrary(): TemplateLibrary {
  library ??= loadLibrary();
  return library;
}

function loadLibrary(): TemplateLibrary {
  const texts = new Map(TEMPLATE_FILES.map((file) => [file, readFileSync(templateUrl(file))]));
  let json: string | undefined;
  try {
    json = readFileSync(templateUrl(LIBRARY_FILE), "utf8");
  } catch {
    json = undefined;
  }
  return libraryFrom(texts, json);
}

/** The library for these template files' bytes and library.json's text (undefined: none). */
export function libraryFrom(
  templates: ReadonlyMap<string, Uint8Array>,
  json: string | undefined,
): TemplateLibrary {
  let file: LibraryFile | undefined;
  try {
    file = json === undefined ? undefined : (JSON.parse(json) as LibraryFile);
  } catch {
    file = undefined;
  }
  const current =
    file !== undefined &&
    TEMPLATE_FILES.every((name) => file.sources[name] === sha256(templates.get(name) ?? ""));
  if (file === undefined || !current) {
    const decoder = new TextDecoder();
    return {
      declarations: parseTemplates((name) => decoder.decode(templates.get(name))),
      file: undefined,
    };
  }
  const declarations = file.declarations.flatMap((d) =>
    d.names.map((name) => ({ name, text: d.text, references: d.references })),
  );
  return { declarations, file };
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Every top-level declaration of the templates, in template order, each with the template declarations it
 * references. `read` gives a template file's text.
 */
export function parseTemplates(read: (file: string) => string): TemplateDeclaration[] {
  const declarations: TemplateDeclaration[] = [];
  for (const file of TEMPLATE_FILES) {
    // The compiler's own parser, not a ts-morph Project: only a parse and one walk are needed.
    const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.Latest, true);
    declarations.push(...topLevelDeclarations(source));
  }
  const names = new Set(declarations.map((d) => d.name));
  return declarations.map((d) => ({
    ...d,
    references: d.references.filter((r) => names.has(r) && r !== d.name),
  }));
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

/**
 * Each helper's text -> the helper as prettier `version` formats it at `style`; undefined when library.json has
 * no such style, was made by another prettier, or is not current.
 */
export function formattedHelpers(
  style: LibraryStyle,
  version: string,
): ReadonlyMap<string, string> | undefined {
  const { file } = templateLibrary();
  if (file === undefined || file.prettier !== version) {
    return undefined;
  }
  const index = file.styles.findIndex(
    (s) =>
      s.printWidth === style.printWidth &&
      s.tabWidth === style.tabWidth &&
      s.trailingComma === style.trailingComma,
  );
  if (index < 0) {
    return undefined;
  }
  let helpers = formattedByStyle.get(index);
  if (helpers === undefined) {
    helpers = new Map(file.declarations.map((d) => [d.text, file.variants[d.formatted[index]!]!]));
    formattedByStyle.set(index, helpers);
  }
  return helpers;
}

const formattedByStyle = new Map<number, ReadonlyMap<string, string>>();
