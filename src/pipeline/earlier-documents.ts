/**
 * Documents that earlier runs wrote into the output folder and that this run keeps there (the CLI finds them in
 * the folder's manifest: cli/earlier-documents.ts). index.ts re-exports them beside this run's documents, so it
 * exports every document the folder holds, whatever order the runs came in; and this run's output names and
 * exported names must not collide with theirs, since a collision would overwrite their files or make index.ts
 * export one name twice.
 */
import { bannerSource } from "../emit/banner.js";
import type { DocumentReport, IndexEntry } from "../emit/document.js";
import { RESULT_TYPE_NAMES } from "../emit/result-types.js";
import type { DocumentNames } from "./cross-document-checks.js";

type IndexKind = NonNullable<IndexEntry["kinds"]>[number];

/** How each built-in output's path ends (document.ts names them `<subfolder>/<baseName><ending>`). */
const ENDINGS = [
  ["types", ".types.ts"],
  ["guards", ".guards.ts"],
  ["schema", ".schema.json"],
] as const;

/** The subfolder and base name a document's files share, read from its first built-in file. */
function placeOf(report: DocumentReport): { subfolder: string; baseName: string } | undefined {
  for (const file of report.files) {
    const ending = ENDINGS.find(([, end]) => file.endsWith(end));
    if (ending !== undefined) {
      const stem = file.slice(0, -ending[1].length);
      const slash = stem.lastIndexOf("/");
      return {
        subfolder: slash === -1 ? "" : stem.slice(0, slash),
        baseName: stem.slice(slash + 1),
      };
    }
  }
  return undefined;
}

/**
 * What index.ts re-exports of an earlier document: the TypeScript files it has (its run's `--emit`, not this
 * one's, decided which). `report.files`: those still in the folder; `report.input` as this run names its inputs.
 */
export function earlierEntry(report: DocumentReport, outDir: string | undefined): IndexEntry[] {
  const place = placeOf(report);
  const kinds = ENDINGS.flatMap(([kind, end]): IndexKind[] =>
    kind !== "schema" && report.files.some((file) => file.endsWith(end)) ? [kind] : [],
  );
  if (place === undefined) {
    return [];
  }
  // The report lists the names its run exported: a result type's name among them is its types file's own.
  const resultTypeNames = report.exports.filter((name) => RESULT_TYPE_NAMES.includes(name));
  // Guards come in threes (isX, assertX, validateX): a type's name alone could start with "validate".
  const guarded = report.exports.some(
    (name) => name.startsWith("assert") && report.exports.includes(`validate${name.slice(6)}`),
  );
  const file = bannerSource(report.input, outDir);
  return [{ ...place, file, kinds, resultTypeNames, guarded }];
}

/** The names the cross-document checks compare this run's documents with; `outDir` names the folder in messages. */
export function earlierNames(report: DocumentReport, outDir: string | undefined): DocumentNames[] {
  const place = placeOf(report);
  return place === undefined
    ? []
    : [
        {
          ...place,
          file: report.input,
          dialect: report.dialect,
          unusable: [],
          // The report lists the names its run exported, types and guards alike.
          typeExports: report.exports,
          guardExports: [],
          earlierIn: outDir ?? ".",
        },
      ];
}
