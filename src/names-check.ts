/**
 * Cross-document checks, run once every input is normalized: two documents may not share an output file
 * (compared case-insensitively, since macOS and Windows fold case) or an exported name. Each error names both.
 */
import type { Diagnostic } from "./diagnostics.js";
import { guardExportNames } from "./emit/guards.js";
import { typeExportNames } from "./emit/types.js";
import type { ModelDocument } from "./model.js";
import { ts } from "ts-morph";

export function checkNames(models: readonly ModelDocument[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const bases = new Map<string, ModelDocument>();
  const exports = new Map<string, { doc: ModelDocument; name: string }>();
  for (const doc of models) {
    const key = doc.baseName.toLowerCase();
    const other = bases.get(key);
    if (other !== undefined) {
      diagnostics.push(collision(doc, `output name "${doc.baseName}" is also the output name of ${other.file}; give one of them another "name"`));
      continue;
    }
    bases.set(key, doc);
    const unusable = doc.declarations.filter((d) => !isTypeScriptIdentifier(d.name));
    for (const declaration of unusable) {
      const message = `type name "${declaration.name}" is not a valid TypeScript identifier; rename what it comes from`;
      diagnostics.push({ code: "SG_BAD_NAME", severity: "error", message, file: doc.file, pointer: declaration.pointer });
    }
    if (unusable.length > 0) {
      continue;
    }
    for (const name of [...typeExportNames(doc), ...guardExportNames(doc)]) {
      const previous = exports.get(name);
      if (previous !== undefined) {
        const where = previous.doc === doc ? "this document" : previous.doc.file;
        diagnostics.push(collision(doc, `exported name "${name}" is also exported by ${where}`));
        continue;
      }
      exports.set(name, { doc, name });
    }
  }
  return diagnostics;
}

function collision(doc: ModelDocument, message: string): Diagnostic {
  return { code: "SG_NAME_COLLISION", severity: "error", message, file: doc.file, pointer: "" };
}

/** Names are built from any script's letters; TypeScript's own Unicode tables have the last word. */
function isTypeScriptIdentifier(name: string): boolean {
  const codePoints = [...name].map((ch) => ch.codePointAt(0) ?? 0);
  return (
    codePoints.length > 0 &&
    codePoints.every((cp, i) => (i === 0 ? ts.isIdentifierStart(cp, ts.ScriptTarget.ES2022) : ts.isIdentifierPart(cp, ts.ScriptTarget.ES2022)))
  );
}
