/**
 * Several runs into one output folder (different inputs, one `--out`): the documents earlier runs wrote there, as
 * the folder's manifest lists them, that this run keeps. A document is kept while its input exists, it is not one
 * of this run's, and some of its files are still in the folder (a deleted input loses its files instead:
 * previous-run.ts). This run's index.ts re-exports the kept documents too and its manifest lists them, so the
 * folder's index.ts exports every document the folder holds, whichever run came last, and a later run still knows
 * their files; the pipeline refuses a name that collides with theirs (pipeline/earlier-documents.ts).
 */
import { existsSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import type { DocumentReport } from "../emit/document.js";
import type { Diagnostic } from "../model/diagnostics.js";
import type { InputDocument } from "../read/read.js";
import { type Manifest, recordedRun, sourcePath } from "../write/manifest.js";

interface EarlierDocument {
  /** As the manifest records it, except `input`: named from the working folder, as this run names its own. */
  readonly report: DocumentReport;
  /** Its files still in the folder. */
  readonly present: readonly string[];
}

/** The documents of the manifest's list `recorded` that this run keeps, in the manifest's order. */
function keptDocuments(
  cwd: string,
  out: string,
  inputs: readonly InputDocument[],
  recorded: readonly DocumentReport[],
): EarlierDocument[] {
  const ours = new Set(inputs.map((input) => sourcePath(out, input.path)));
  return recorded.flatMap((report): EarlierDocument[] => {
    const input = resolve(cwd, out, report.input);
    const present = report.files.filter((file) => existsSync(resolve(cwd, out, file)));
    if (ours.has(report.input) || !existsSync(input) || present.length === 0) {
      return [];
    }
    const named = relative(cwd, input).split(sep).join("/") || input;
    return [{ report: { ...report, input: named }, present }];
  });
}

/**
 * The earlier documents this run keeps in the folder: for the pipeline (with the files still there), for this
 * run's manifest (as recorded), and a warning for each TypeScript file of theirs that is gone, which index.ts then
 * cannot re-export.
 */
export function earlierDocuments(cwd: string, out: string, inputs: readonly InputDocument[]) {
  const kept = keptDocuments(cwd, out, inputs, recordedRun(resolve(cwd, out)).documents);
  return {
    forPipeline: kept.map((d): DocumentReport => ({ ...d.report, files: d.present })),
    recorded: kept.map((d) => d.report),
    warnings: kept.flatMap(({ report, present }) =>
      report.files
        .filter((file) => /\.(types|guards)\.ts$/.test(file) && !present.includes(file))
        .map((file) => goneWarning(report.input, join(out, file), out)),
    ),
  };
}

function goneWarning(input: string, gone: string, out: string): Diagnostic {
  const message = `${gone}, which an earlier run generated from this input, is gone, so index.ts does not re-export it: run structgen generate on this input again to restore it, or remove the document's other files from ${out}`;
  return { code: "SG_INDEX_INCOMPLETE", severity: "warning", message, file: input, pointer: "" };
}

/**
 * Whether the documents a manifest lists besides this run's inputs are all still kept, each with all its files:
 * then its index.ts is what a full run would make, as far as the earlier documents go.
 */
export function earlierStillWhole(
  cwd: string,
  out: string,
  inputs: readonly InputDocument[],
  manifest: Manifest,
): boolean {
  const kept = keptDocuments(cwd, out, inputs, manifest.documents);
  return (
    kept.length + inputs.length === manifest.documents.length &&
    kept.every((d) => d.present.length === d.report.files.length)
  );
}
