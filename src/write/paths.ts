/**
 * Output paths never leave the output folder: relative paths only, no `..`, and no symlink (of the file or
 * of a folder on the way) that resolves outside the real output folder.
 */
import { lstat, realpath } from "node:fs/promises";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

/** The real path of the deepest existing ancestor of `path` (the path itself if it exists). */
async function realExistingAncestor(path: string): Promise<string> {
  let current = path;
  for (;;) {
    try {
      return await realpath(current);
    } catch {
      const parent = dirname(current);
      if (parent === current) {
        return current;
      }
      current = parent;
    }
  }
}

export async function resolveSafeTarget(outDir: string, relativePath: string): Promise<{ target: string } | { problem: string }> {
  if (isAbsolute(relativePath) || /^[A-Za-z]:/.test(relativePath) || relativePath.split(/[/\\]/).some((part) => part === ".." || part === "")) {
    return { problem: `output path ${JSON.stringify(relativePath)} is not a plain relative path` };
  }
  const root = resolve(outDir);
  const target = resolve(root, relativePath);
  if (!isInside(root, target)) {
    return { problem: `output path ${JSON.stringify(relativePath)} leaves the output folder` };
  }
  const realRoot = await realExistingAncestor(root);
  const info = await lstat(target).catch(() => undefined);
  if (info?.isSymbolicLink()) {
    return { problem: `${target} is a symbolic link; structgen does not write through links` };
  }
  const realParent = await realExistingAncestor(dirname(target));
  if (realParent !== realRoot && !isInside(realRoot, realParent)) {
    return { problem: `${target} resolves outside the output folder through a symbolic link` };
  }
  return { target };
}
