/**
 * Output paths never leave the output folder: relative paths with forward slashes only, no `..`, and no symlink (of the file or
 * of a folder on the way) that resolves outside the real output folder. Every segment must also be a name that
 * Windows, macOS and Linux can all hold (no device names such as `con` or `nul.ts`, no `<>:"|?*` or control
 * characters, no trailing dot or space, at most 255 bytes), and no two outputs may differ only in case or Unicode
 * normalization, since macOS and Windows would make them one file.
 */
import { lstatSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";

/** Longest file or folder name, in UTF-8 bytes, that common file systems accept. */
export const MAX_NAME_BYTES = 255;

/** Windows device names, reserved with any extension (`con.json` is `con`), any case, in every folder. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;
const WINDOWS_FORBIDDEN = /[<>:"|?*\\\u0000-\u001f]/;

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

/** The real path of the deepest existing ancestor of `path` (the path itself if it exists). */
function realExistingAncestor(path: string): string {
  let current = path;
  for (;;) {
    try {
      return realpathSync.native(current);
    } catch {
      const parent = dirname(current);
      if (parent === current) {
        return current;
      }
      current = parent;
    }
  }
}

/** Why one segment of an output path cannot be a portable file name, or undefined when it can. */
export function segmentProblem(segment: string): string | undefined {
  if (segment === "" || segment === "." || segment === "..") {
    return "is not a plain relative path";
  }
  if (WINDOWS_FORBIDDEN.test(segment)) {
    return `has a character that Windows does not allow in file names (<>:"\\|?* or a control character) in ${JSON.stringify(segment)}`;
  }
  if (/[. ]$/.test(segment)) {
    return `has a name ending in a dot or a space (${JSON.stringify(segment)}), which Windows drops`;
  }
  if (WINDOWS_DEVICE.test(segment.split(".")[0] ?? segment)) {
    return `uses ${JSON.stringify(segment)}, a reserved device name on Windows`;
  }
  if (Buffer.byteLength(segment, "utf8") > MAX_NAME_BYTES) {
    return `has a name of ${Buffer.byteLength(segment, "utf8")} bytes; file systems allow ${MAX_NAME_BYTES}`;
  }
  return undefined;
}

/** Checks that need no file system: shape, portability of every segment. */
export function outputPathProblem(relativePath: string): string | undefined {
  if (isAbsolute(relativePath) || /^[A-Za-z]:/.test(relativePath)) {
    return `output path ${JSON.stringify(relativePath)} is not a plain relative path`;
  }
  for (const segment of relativePath.split("/")) {
    const problem = segmentProblem(segment);
    if (problem !== undefined) {
      return `output path ${JSON.stringify(relativePath)} ${problem}`;
    }
  }
  return undefined;
}

/** How macOS and Windows compare names: case-insensitively, and (macOS) regardless of Unicode normalization. */
export function portableKey(relativePath: string): string {
  return relativePath.normalize("NFC").toLowerCase();
}

/** Pairs of output paths that would be one file on a case-insensitive file system (each pair once). */
export function caseCollisions(paths: readonly string[]): [string, string][] {
  const first = new Map<string, string>();
  const pairs: [string, string][] = [];
  for (const path of paths) {
    const key = portableKey(path);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, path);
    } else {
      pairs.push([earlier, path]);
    }
  }
  return pairs;
}

/**
 * Where an output path goes, or why it cannot go there. Synchronous, like the writer that calls it (see
 * write/transaction.ts).
 */
export function resolveSafeTarget(
  outDir: string,
  relativePath: string,
): { target: string } | { problem: string } {
  const problem = outputPathProblem(relativePath);
  if (problem !== undefined) {
    return { problem };
  }
  const root = resolve(outDir);
  const target = resolve(root, relativePath);
  if (!isInside(root, target)) {
    return { problem: `output path ${JSON.stringify(relativePath)} leaves the output folder` };
  }
  const realRoot = realExistingAncestor(root);
  let info: ReturnType<typeof lstatSync>;
  try {
    info = lstatSync(target);
  } catch {
    info = undefined;
  }
  if (info?.isSymbolicLink()) {
    return { problem: `${target} is a symbolic link; structgen does not write through links` };
  }
  const realParent = realExistingAncestor(dirname(target));
  if (realParent !== realRoot && !isInside(realRoot, realParent)) {
    return { problem: `${target} resolves outside the output folder through a symbolic link` };
  }
  return { target };
}

/**
 * For reading many outputs fast (the manifest check): the existing regular file an output path names, resolved as
 * `resolveSafeTarget` resolves it (no link, no folder leading out of the output folder), or undefined. `realDirs`
 * caches real folder paths across calls.
 */
export function existingSafeTargetSync(
  outDir: string,
  relativePath: string,
  realDirs: Map<string, string | undefined>,
): string | undefined {
  const root = resolve(outDir);
  const target = resolve(root, relativePath);
  if (outputPathProblem(relativePath) !== undefined || !isInside(root, target)) {
    return undefined;
  }
  const real = (dir: string): string | undefined => {
    if (!realDirs.has(dir)) {
      let path: string | undefined;
      try {
        path = realpathSync(dir);
      } catch {
        path = undefined;
      }
      realDirs.set(dir, path);
    }
    return realDirs.get(dir);
  };
  const realRoot = real(root);
  const realParent = real(dirname(target));
  if (
    realRoot === undefined ||
    realParent === undefined ||
    (realParent !== realRoot && !isInside(realRoot, realParent))
  ) {
    return undefined;
  }
  return lstatSync(target, { throwIfNoEntry: false })?.isFile() === true ? target : undefined;
}
