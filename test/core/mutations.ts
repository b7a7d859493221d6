/**
 * Values for agreement tests on Core goldens: the case's own samples (valid and invalid), each changed in up to
 * three random places (a subtree replaced by an interesting or random JSON value, a key removed or added, an
 * array element repeated), plus random JSON. Near misses of real instances reach every rule a schema has.
 */
import fc from "fast-check";
import { jsonArb, keyArb } from "../helpers/arbitraries.js";

const INTERESTING: readonly unknown[] = [
  "",
  "a",
  "ABC",
  "😀",
  "a😀b",
  "x".repeat(9),
  "__proto__",
  "constructor",
  "2024-02-29",
  "2023-02-29",
  "2024-02-29T12:00:00Z",
  "08:00:00",
  "24:00:00",
  "PT2.5S",
  "P1W",
  "P",
  "550e8400-e29b-41d4-a716-446655440000",
  "urn:uuid:550e8400-e29b-41d4-a716-446655440000",
  "9223372036854775807",
  "9223372036854775808",
  "-0",
  "01",
  "0.0",
  "1.",
  "1e3",
  "aGVsbG8=",
  "aGVsbG8",
  "/a~1b",
  "#/a",
  "a b",
  0,
  -0,
  1,
  -1,
  1.5,
  0.1,
  5,
  7,
  10,
  100,
  127,
  128,
  255,
  256,
  65536,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e300,
  true,
  false,
  null,
  [],
  [1],
  ["a", "a"],
  [
    [1, 2],
    [1, 2],
  ],
  {},
  { a: 1 },
  JSON.parse('{"__proto__": {"x": 1}}') as unknown,
];

type Path = readonly (string | number)[];

function paths(value: unknown, at: Path = []): Path[] {
  const children = Array.isArray(value)
    ? value.flatMap((v, i) => paths(v, [...at, i]))
    : typeof value === "object" && value !== null
      ? Object.keys(value).flatMap((k) => paths((value as Record<string, unknown>)[k], [...at, k]))
      : [];
  return [at, ...children];
}

/** A copy of `value` with `f` applied at `path` (own data properties only, so "__proto__" stays a key). */
function update(value: unknown, path: Path, f: (v: unknown) => unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) {
    return f(value);
  }
  if (Array.isArray(value)) {
    return (value as unknown[]).map((v, i) => (i === head ? update(v, rest, f) : v));
  }
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === head ? update(v, rest, f) : v]),
    );
  }
  return value;
}

type Mutation = (value: unknown, pick: number, replacement: unknown, key: string) => unknown;

const MUTATIONS: readonly Mutation[] = [
  // Replace a subtree.
  (value, pick, replacement) => {
    const all = paths(value);
    return update(value, all[pick % all.length] ?? [], () => replacement);
  },
  // Remove a key, or an array element.
  (value, pick) => {
    const all = paths(value).filter((p) => p.length > 0);
    const target = all[pick % Math.max(all.length, 1)];
    if (target === undefined) {
      return value;
    }
    const last = target[target.length - 1];
    return update(value, target.slice(0, -1), (parent) =>
      Array.isArray(parent)
        ? parent.filter((_, i) => i !== last)
        : Object.fromEntries(Object.entries(parent as object).filter(([k]) => k !== last)),
    );
  },
  // Add a key to an object, or repeat an array element.
  (value, pick, replacement, key) => {
    const containers = paths(value).filter((p) => {
      const v = p.reduce<unknown>((o, s) => (o as Record<string, unknown>)[s as string], value);
      return typeof v === "object" && v !== null;
    });
    const target = containers[pick % Math.max(containers.length, 1)];
    if (target === undefined) {
      return value;
    }
    return update(value, target, (container) =>
      Array.isArray(container)
        ? [...(container as unknown[]), (container as unknown[])[0] ?? replacement]
        : Object.fromEntries([...Object.entries(container as object), [key, replacement]]),
    );
  },
];

export function mutatedValuesArb(samples: readonly unknown[]): fc.Arbitrary<unknown> {
  const replacement = fc.oneof(fc.constantFrom(...INTERESTING), jsonArb);
  const mutation = fc.tuple(
    fc.nat({ max: MUTATIONS.length - 1 }),
    fc.nat(),
    replacement,
    fc.oneof(keyArb, fc.constantFrom("a", "b", "x-1", "kind", "$schema")),
  );
  const mutated = fc
    .tuple(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 3 }))
    .map(([sample, steps]) =>
      steps.reduce(
        (v, [which, pick, value, key]) => (MUTATIONS[which] ?? MUTATIONS[0]!)(v, pick, value, key),
        sample,
      ),
    );
  return samples.length === 0
    ? jsonArb
    : fc.oneof(
        { weight: 8, arbitrary: mutated },
        { weight: 1, arbitrary: fc.constantFrom(...samples) },
        { weight: 1, arbitrary: jsonArb },
      );
}
