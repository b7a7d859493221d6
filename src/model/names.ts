/**
 * Deterministic names: TypeScript identifiers for declarations and safe file slugs for outputs.
 * Names are assigned before anything is emitted; collisions are reported, never silently suffixed.
 */

/** Longest output base name we accept: file systems cap a name at 255 bytes, and the suffixes need room. */
export const MAX_SLUG_LENGTH = 120;

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * PascalCase over the letters and digits of `text` (any script: TypeScript identifiers are Unicode):
 * "run" -> "Run", "llm-config" -> "LlmConfig", "AgentState" stays, "straße" -> "Straße".
 * Returns undefined when nothing usable is left.
 */
export function toTypeIdentifier(text: string): string | undefined {
  const words = text.split(/[^\p{L}\p{Nd}]+/u).filter((word) => word !== "");
  if (words.length === 0) {
    return undefined;
  }
  const joined = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join("");
  // An identifier cannot start with a digit; a leading underscore keeps the digits readable.
  return /^\p{Nd}/u.test(joined) ? `_${joined}` : joined;
}

export type SlugResult = { readonly slug: string } | { readonly problem: string };

/**
 * A document `name` made a safe file slug: lower case, runs of other characters become "-".
 * Names that try to be paths are refused rather than flattened, so a document cannot aim at another folder.
 */
export function toFileSlug(name: string): SlugResult {
  if (/[/\\]/.test(name) || /^[A-Za-z]:/.test(name)) {
    return {
      problem: `name ${JSON.stringify(name)} contains a path separator or drive letter; it must be a plain name`,
    };
  }
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/\.{2,}/g, ".")
    .replace(/^[-.]+|[-.]+$/g, "");
  if (slug === "") {
    return {
      problem: `name ${JSON.stringify(name)} has no letters or digits to make a file name from`,
    };
  }
  if (slug.length > MAX_SLUG_LENGTH) {
    return {
      problem: `name is ${name.length} characters long; output names are limited to ${MAX_SLUG_LENGTH}`,
    };
  }
  if (WINDOWS_DEVICE.test(slug.split(".")[0] ?? slug)) {
    return { problem: `name ${JSON.stringify(name)} is a reserved device name on Windows` };
  }
  return { slug };
}

/** The input file name without its folder and its `.struct.json` / `.json` ending. */
export function fileStem(path: string): string {
  const base = path.split(/[/\\]/).pop() ?? path;
  return base.replace(/(\.struct)?\.json$/i, "");
}
