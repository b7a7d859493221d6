/**
 * TypeScript that checks JSON samples against emitted types (see test/sample-types.test.ts). For each sample:
 *  1. its exact type is written out (string, number and boolean leaves as literal types, arrays as tuples) and a
 *     value of that type is declared: assigning a declared value, not an object literal, avoids excess-property
 *     checks (JSON objects may carry keys a type does not declare), and writing the type out, not inferring it
 *     from an unannotated const, keeps `"active"` from widening to `string`;
 *  2. that value is assigned to the root type;
 *  3. every value inside the sample is read back through the typed value, one key at a time, as code would read
 *     it (`at` below), and the sample's leaf is assigned to what the read gives. A read narrows a union the way
 *     code narrows one (by kind, by literal-typed members compared with the sample's values, by the keys the
 *     sample has: `"radius" in shape`); the key must then be declared by every member left, or by none (an
 *     undeclared key of an open object reads as `unknown`);
 *  4. where the sample holds an array, the type there declares no named members (`isArray` below): a JSON array
 *     has none, so a type that gives it `email` (bug 1: `{ email?: string } & (...)[]`) is wrong.
 * Plain assignability (1, 2) cannot see bug 1: an array of valid items is assignable to that intersection.
 */

/** The type-level reader; see 3 and 4 above. */
const PRELUDE = `type Known<T> = Exclude<T, undefined>;
type IsLiteral<X> = [X] extends [null]
  ? true
  : [X] extends [string | number | boolean]
    ? [string] extends [X] ? false : [number] extends [X] ? false : [boolean] extends [X] ? false : true
    : false;
type Agrees<M, S> = {
  [K in keyof M & keyof S]-?: IsLiteral<M[K]> extends true ? ([S[K]] extends [M[K]] ? true : false) : true;
}[keyof M & keyof S];
type KeyOfAny<T> = T extends unknown ? keyof T : never;
type Fits<M, S, All> = S extends readonly unknown[]
  ? M extends readonly unknown[] ? true : false
  : S extends object
    ? M extends readonly unknown[]
      ? false
      : M extends object
        ? false extends Agrees<M, S>
          ? false
          : [Exclude<keyof S & All, keyof M>] extends [never] ? true : false
        : false
    : true;
type NarrowAll<T, S, All> = T extends unknown ? (Fits<T, S, All> extends true ? T : never) : never;
type Members<T, S> = NarrowAll<Known<T>, S, KeyOfAny<Known<T>>>;
type Allowed<N, K> = K extends keyof N ? K : K extends KeyOfAny<N> ? never : K;
type Read<N, K> = K extends keyof N ? N[K] : unknown;
type NamedMembers<N> = Exclude<KeyOfAny<N>, keyof unknown[] | \`\${number}\`>;
declare function at<T, S, const K extends PropertyKey>(
  value: T,
  sample: S,
  key: K & (unknown extends T ? K : Allowed<Members<T, S>, K>),
): unknown extends T ? unknown : Read<Members<T, S>, K>;
declare function isArray<T, S extends readonly unknown[]>(
  value: T,
  sample: S,
  named: [NamedMembers<Members<T, S>>] extends [never] ? true : NamedMembers<Members<T, S>>,
): void;`;

/** The exact TypeScript type of a JSON value. */
export function exactType(value: unknown): string {
  if (value === null || typeof value === "boolean" || typeof value === "number") {
    return String(value);
  }
  if (typeof value === "string") {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(exactType).join(", ")}]`;
  }
  const entries = Object.entries(value as object).map(
    ([key, member]) => `${JSON.stringify(key)}: ${exactType(member)};`,
  );
  return `{ ${entries.join(" ")} }`;
}

/** Reads of every value inside sample `index`, and the assignment of each leaf to what its read gives. */
function readBack(index: number, value: unknown): string[] {
  const lines: string[] = [];
  let count = 0;
  const walk = (read: string, sample: string, node: unknown): void => {
    if (node === null || typeof node !== "object") {
      lines.push(`export const leaf${index}_${count++}: typeof ${read} = ${sample};`);
      return;
    }
    if (Array.isArray(node)) {
      lines.push(`isArray(${read}, ${sample}, true);`);
    }
    const entries: [string, unknown][] = Array.isArray(node)
      ? node.map((item, position) => [String(position), item])
      : Object.entries(node);
    for (const [key, child] of entries) {
      const keyText = Array.isArray(node) ? key : JSON.stringify(key);
      const name = `read${index}_${count++}`;
      lines.push(`export const ${name} = at(${read}, ${sample}, ${keyText});`);
      walk(name, `${sample}[${keyText}]`, child);
    }
  };
  walk(`checked${index}`, `sample${index}`, value);
  return lines;
}

/** `samples.ts`: checks every sample against `types.<root>` from `typesModule`. */
export function samplesFile(
  typesModule: string,
  root: string,
  samples: readonly { readonly name: string; readonly value: unknown }[],
): string {
  return [
    `import type * as types from ${JSON.stringify(typesModule)};`,
    PRELUDE,
    ...samples.flatMap(({ name, value }, i) => [
      `// ${name.replace(/[\r\n\u2028\u2029]/g, " ")}`,
      `declare const sample${i}: ${exactType(value)};`,
      `export const checked${i}: types.${root} = sample${i};`,
      ...readBack(i, value),
    ]),
  ].join("\n");
}
