/**
 * "Did you mean": the known name a mistyped one most likely meant, for config keys. No library: the names are a
 * dozen, and the rule is short enough to read here.
 */

/** Lower case, letters and digits only: "source-spec", "SourceSpec" and "source_spec" are one name. */
const bare = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * The candidate `name` most likely meant, or undefined when none is close: the same but for case and punctuation,
 * one the start of the other ("output" and "outDir" for "out"), or at most a third of its letters edited
 * ("input", "emti"). The first of equally close candidates wins.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const typed = bare(name);
  const allowed = Math.max(1, Math.floor(typed.length / 3));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    const known = bare(candidate);
    const prefix =
      Math.min(known.length, typed.length) >= 3 &&
      (typed.startsWith(known) || known.startsWith(typed));
    const distance = Math.min(prefix ? 1 : Infinity, editDistance(typed, known));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`: optimal string alignment. */
export function editDistance(a: string, b: string): number {
  // rows[i][j]: the distance between a's first i characters and b's first j.
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Infinity;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const replace = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + replace);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      (rows[i] as number[])[j] = distance;
    }
  }
  return at(a.length, b.length);
}
