/**
 * The types validate functions report with: `Failure` (one failure) and `Validation<T>` (the value, typed, or
 * every failure). They are exported so that a caller can name a result: with `--runtime shared` the output
 * folder's runtime module declares them and every guards file re-exports them; with `--runtime inline` each guards
 * file declares them. index.ts names the one it exports (resultTypeSources).
 */
import { ERROR_TYPE } from "./guard-context.js";
import type { RuntimeMode } from "../model/options.js";
import {
  keyword,
  literalType,
  objectType,
  propertySignature,
  readonlyArrayType,
  typeReference,
  unionType,
} from "./code/type-expression.js";

export const RESULT_TYPE = "Validation";

/** The names, in the order they are declared and imported. */
export const RESULT_TYPE_NAMES: readonly string[] = [ERROR_TYPE, RESULT_TYPE];

/** The two exported declarations, as one statement string. */
export function resultTypeDeclarations(): string {
  const failure = objectType([
    propertySignature("path", keyword("string"), { readonly: true }),
    propertySignature("message", keyword("string"), { readonly: true }),
  ]);
  const result = unionType([
    objectType([
      propertySignature("ok", literalType(true), { readonly: true }),
      propertySignature("value", typeReference("T"), { readonly: true }),
    ]),
    objectType([
      propertySignature("ok", literalType(false), { readonly: true }),
      propertySignature("errors", readonlyArrayType(typeReference(ERROR_TYPE)), {
        readonly: true,
      }),
    ]),
  ]);
  // One string: ts-morph separates string statements by a line break only, and these read better apart.
  return `\n/** One failure: where (a JSON pointer, as ajv's \`instancePath\`) and what. */\nexport type ${ERROR_TYPE} = ${failure.text};\n\n/** What a validate function returns: the value, typed, or every failure. */\nexport type ${RESULT_TYPE}<T> = ${result.text};`;
}

/** What index.ts needs of a document to place the result types: its path stem and what its files declare. */
export interface ResultTypeUse {
  readonly stem: string;
  /** The result type names its types file declares as its own types (none when index.ts does not re-export it). */
  readonly typeNames: readonly string[];
  /** Whether its guards file exports the result types (it has guards, and index.ts re-exports it). */
  readonly guarded: boolean;
}

/**
 * index.ts re-exports every document's types and guards files with `export *`; where two of them export one of
 * these names as different declarations, the name is ambiguous (TypeScript rejects that) unless index.ts exports it
 * explicitly. A document's own type of that name keeps it. Else, with the result types copied into each guards file
 * (`--runtime inline`) and several guards files, the first one's. Returns, per name, the module index.ts re-exports
 * it from explicitly: none in the usual case, where the runtime module declares them once for every guards file.
 */
export function resultTypeSources(
  documents: readonly ResultTypeUse[],
  runtime: RuntimeMode,
): { readonly name: string; readonly from: string }[] {
  const guarded = documents.filter((d) => d.guarded);
  const first = guarded[0];
  if (first === undefined) {
    return [];
  }
  return RESULT_TYPE_NAMES.flatMap((name) => {
    const declaring = documents.find((d) => d.typeNames.includes(name));
    if (declaring !== undefined) {
      return [{ name, from: `./${declaring.stem}.types.js` }];
    }
    return runtime === "inline" && guarded.length > 1
      ? [{ name, from: `./${first.stem}.guards.js` }]
      : [];
  });
}
