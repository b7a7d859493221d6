/**
 * TypeScript names for declarations, assigned once before anything is read. A declaration is named by its key
 * with the first letter upper-cased (`Address`); when two namespaces declare the same short name (sample
 * core/08), every declaration sharing it takes its full path joined with "_" (`Common_Address`,
 * `Billing_Address`). Names that still collide (`A_B` as a name and as the path A/B) are an error naming both,
 * never a silent suffix.
 */
import type { Entry } from "./context.js";

function capitalize(segment: string): string {
  return segment.charAt(0).toUpperCase() + segment.slice(1);
}

/** Names for every entry; reports collisions and returns undefined when there is one. */
export function assignNames(entries: readonly Entry[]): Map<Entry, string> | undefined {
  const shortCounts = new Map<string, number>();
  for (const entry of entries) {
    const short = capitalize(entry.path[entry.path.length - 1] ?? "");
    shortCounts.set(short, (shortCounts.get(short) ?? 0) + 1);
  }
  const names = new Map<Entry, string>();
  const owners = new Map<string, Entry>();
  let ok = true;
  for (const entry of entries) {
    const short = capitalize(entry.path[entry.path.length - 1] ?? "");
    const name = (shortCounts.get(short) ?? 0) > 1 ? entry.path.map(capitalize).join("_") : short;
    const other = owners.get(name);
    if (other !== undefined) {
      entry.source.sink.error(
        "SG_NAME_COLLISION",
        entry.pointer,
        `type name "${name}" is given to both ${describe(other)} and ${describe(entry)}; rename one of them`,
      );
      ok = false;
      continue;
    }
    owners.set(name, entry);
    names.set(entry, name);
  }
  return ok ? names : undefined;
}

function describe(entry: Entry): string {
  return `${entry.pointer === "" ? "the root type" : `#${entry.pointer}`} (${entry.source.file})`;
}
