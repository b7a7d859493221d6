/**
 * templates/library.json (src/emit/template-library.ts) is current: made from the templates as they are, by the
 * pinned prettier. After editing a template, `npm run templates` (this test with -u) writes it again.
 */
import { readFileSync } from "node:fs";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { FAST_FORMAT_PRETTIER_VERSION } from "../../src/format/prettier-version.js";
import {
  formattedHelpers,
  libraryFrom,
  parseTemplates,
  TEMPLATE_FILES,
  templateLibrary,
} from "../../src/emit/template-library.js";
import { libraryText } from "./library.js";

describe("templates/library.json", () => {
  it("is what the templates and the pinned prettier give now (npm run templates writes it)", async () => {
    expect(prettier.version).toBe(FAST_FORMAT_PRETTIER_VERSION);
    await expect(await libraryText()).toMatchFileSnapshot("../../templates/library.json");
  }, 120_000);

  it("is the library structgen uses: every helper as prettier formats it, at the styles it was made for", async () => {
    const library = templateLibrary();
    expect(library.file).toBeDefined();
    for (const style of [
      { printWidth: 80, tabWidth: 2, trailingComma: "all" },
      { printWidth: 120, tabWidth: 4, trailingComma: "none" },
    ] as const) {
      const formatted = formattedHelpers(style, FAST_FORMAT_PRETTIER_VERSION);
      const texts = new Set(library.declarations.map((d) => d.text));
      expect(formatted?.size).toBe(texts.size);
      for (const text of texts) {
        const reference = await prettier.format(text, { ...style, parser: "babel-ts" });
        expect(formatted?.get(text)).toBe(reference.replace(/\n$/, ""));
      }
    }
    // Another prettier, or a style it was not made for: nothing.
    const defaults = { printWidth: 80, tabWidth: 2, trailingComma: "all" } as const;
    expect(formattedHelpers(defaults, "3.0.0")).toBe(undefined);
    expect(formattedHelpers({ ...defaults, printWidth: 81 }, prettier.version)).toBe(undefined);
  });

  it("is not believed once a template changed: the templates are parsed instead", () => {
    const read = (file: string) =>
      readFileSync(new URL(`../../templates/${file}`, import.meta.url));
    const json = readFileSync(new URL("../../templates/library.json", import.meta.url), "utf8");
    const templates = new Map(TEMPLATE_FILES.map((file) => [file, read(file)]));
    const believed = libraryFrom(templates, json);
    expect(believed.file).toBeDefined();
    expect(believed.declarations).toEqual(
      parseTemplates((file) => templates.get(file)!.toString("utf8")),
    );
    const edited = `${templates.get("runtime.ts")!.toString("utf8")}\nexport function _added(): number {\n  return 1;\n}\n`;
    const changed = libraryFrom(new Map([...templates, ["runtime.ts", Buffer.from(edited)]]), json);
    expect(changed.file).toBeUndefined();
    expect(changed.declarations.map((d) => d.name)).toContain("_added");
    expect(libraryFrom(templates, "{").file).toBeUndefined();
  });
});
