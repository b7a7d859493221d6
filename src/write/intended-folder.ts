/**
 * The folder the API's files were generated for (`generate`'s `outDir`, from which their banners name the inputs),
 * so that writing or checking them against another folder can say why the CLI's `--check` there will call them
 * stale. It is kept beside the files, not in them: an output stays a plain `{ path, contents }`, and files made or
 * copied by the caller carry no folder and get no warning.
 */
import { resolve } from "node:path";
import type { Diagnostic } from "../model/diagnostics.js";
import type { OutputFile } from "../emit/emitters.js";

/** The absolute folder each file was generated for; `folder` undefined for files generated for none. */
const generatedFor = new WeakMap<OutputFile, { readonly folder: string | undefined }>();

/** Records that `files` were generated for `outDir` (none when undefined), resolved from the working folder now. */
export function markGeneratedFor(files: readonly OutputFile[], outDir: string | undefined): void {
  const intended = { folder: outDir === undefined ? undefined : resolve(outDir) };
  for (const file of files) {
    generatedFor.set(file, intended);
  }
}

/** A warning when any of `files` was generated for another folder than `outDir`, or for none. */
export function otherFolderWarning(outDir: string, files: readonly OutputFile[]): Diagnostic[] {
  const target = resolve(outDir);
  const other = files
    .map((file) => generatedFor.get(file))
    .find((intended) => intended !== undefined && intended.folder !== target);
  if (other === undefined) {
    return [];
  }
  const made =
    other.folder === undefined
      ? "without an outDir, so their banners name each input by its file name"
      : `for ${other.folder}, so their banners name each input by its path from there`;
  const message = `these files were generated ${made}, not as the CLI writes them into ${outDir}: \`structgen generate --out ${outDir} --check\` will call them stale; pass outDir: ${JSON.stringify(outDir)} to generate()`;
  return [{ code: "SG_OTHER_FOLDER", severity: "warning", message, file: outDir, pointer: "" }];
}
