/**
 * Makes templates/library.json (src/emit/template-library.ts): the templates' declarations, and each one as the
 * pinned prettier formats it at the styles users set most (prettier's defaults, print widths 100 and 120, tab
 * width 4, each trailing-comma setting), so that the format stage needs no prettier for the runtime helpers at
 * those styles. `npm run templates` writes it; test/templates/library.test.ts checks it is current.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import {
  type LibraryFile,
  type LibraryStyle,
  parseTemplates,
  sha256,
  TEMPLATE_FILES,
} from "../../src/emit/template-library.js";

export const LIBRARY_PATH = new URL("../../templates/library.json", import.meta.url);

const STYLES: readonly LibraryStyle[] = [80, 100, 120].flatMap((printWidth) =>
  [2, 4].flatMap((tabWidth) =>
    (["all", "es5", "none"] as const).map((trailingComma) => ({
      printWidth,
      tabWidth,
      trailingComma,
    })),
  ),
);

function template(file: string): string {
  return readFileSync(new URL(`../../templates/${file}`, import.meta.url), "utf8");
}

/** The text of templates/library.json for the templates as they are now. */
export async function libraryText(): Promise<string> {
  const declarations = parseTemplates(template);
  const byText = new Map<string, { names: string[]; references: readonly string[] }>();
  for (const d of declarations) {
    const known = byText.get(d.text);
    if (known === undefined) {
      byText.set(d.text, { names: [d.name], references: d.references });
    } else {
      known.names.push(d.name);
    }
  }
  const variants: string[] = [];
  const variantIndex = (text: string): number => {
    const at = variants.indexOf(text);
    return at >= 0 ? at : variants.push(text) - 1;
  };
  const entries: LibraryFile["declarations"][number][] = [];
  for (const [text, { names, references }] of byText) {
    const formatted: number[] = [];
    for (const style of STYLES) {
      // As the format stage has prettier format a statement it does not print itself (format/format.ts).
      const output = await prettier.format(text, { ...style, parser: "babel-ts" });
      formatted.push(variantIndex(output.replace(/\n$/, "")));
    }
    entries.push({ names, text, references, formatted });
  }
  const library: LibraryFile = {
    $comment:
      "Made by `npm run templates` from templates/*.ts (test/templates/library.ts); do not edit. See src/emit/template-library.ts.",
    prettier: prettier.version,
    sources: Object.fromEntries(TEMPLATE_FILES.map((file) => [file, sha256(template(file))])),
    styles: STYLES,
    declarations: entries,
    variants,
  };
  // Formatted as the repository formats it (`npm run lint` checks templates/ with its prettier config).
  const config = await prettier.resolveConfig(fileURLToPath(LIBRARY_PATH));
  return prettier.format(JSON.stringify(library), { ...config, parser: "json" });
}
