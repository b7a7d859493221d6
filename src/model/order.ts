/**
 * The one ordering structgen sorts by: UTF-16 code units, as `<` compares strings. Unlike `localeCompare`, it is
 * the same under every `LANG` and ICU version, so sorted paths, keys and manifests have the same bytes everywhere.
 */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A comparator that orders items by `key(item)` in code-unit order. */
export function byCodeUnits<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => compareCodeUnits(key(a), key(b));
}
