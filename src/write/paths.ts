/** Output paths: every planned file must stay inside the output folder. */
import { isAbsolute, relative, resolve } from "node:path";

export function resolveInside(outDir: string, relativePath: string): string | undefined {
  if (isAbsolute(relativePath) || relativePath.split(/[/\\]/).includes("..")) {
    return undefined;
  }
  const target = resolve(outDir, relativePath);
  const rel = relative(resolve(outDir), target);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? undefined : target;
}
