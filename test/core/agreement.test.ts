/**
 * Property: on every Core golden case, the root guard and ajv (strict, ajv-formats, own properties) agree on every
 * value, and validate agrees with is; every other declaration with guards agrees with its `$defs` entry on random
 * JSON. Root values are the case's samples mutated in up to three places (mutations.ts): near misses reach every
 * rule. (The shared model arbitraries enumerate integer ranges and cannot handle int32 limits yet.)
 * For a deeper local run: AGREE_SEED=<n> AGREE_RUNS=<runs> npx vitest run --config test/vitest.config.ts test/core
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/pipeline/generate.js";
import { jsonArb } from "../helpers/arbitraries.js";
import { goldenCases, REPO_ROOT } from "../helpers/fixtures.js";
import { loadGuards, strictAjv } from "../helpers/outputs.js";
import { mutatedValuesArb } from "./mutations.js";

const cases = goldenCases("core");

describe.each(cases)("guard and ajv agree on $dir", (golden) => {
  it("on 400 near misses of the samples (root) and 100 random values per declaration", async () => {
    const inputs = golden.inputs.map((path) => ({
      path,
      contents: readFileSync(join(REPO_ROOT, path)),
    }));
    const result = await generate({ inputs }, { ...golden.options, prettier: false });
    const doc = result.models[0];
    const guardFile = result.files.find((f) => f.path.endsWith(".guards.ts"));
    const schemaFile = result.files.find((f) => f.path.endsWith(".schema.json"));
    if (doc === undefined || guardFile === undefined || schemaFile === undefined) {
      throw new Error(`no outputs for ${golden.dir}`);
    }
    const guards = await loadGuards(guardFile, result.files);
    const samples = [...golden.validSamples, ...golden.invalidSamples].map((s) => s.value);
    const ajv = strictAjv();
    const schema = JSON.parse(schemaFile.contents) as { $id: string };
    ajv.addSchema(schema);
    for (const declaration of doc.declarations.filter((d) => d.abstract !== true)) {
      const ref =
        declaration.name === doc.root ? schema.$id : `${schema.$id}#/$defs/${declaration.name}`;
      const validateAjv = ajv.getSchema(ref);
      const is = guards[`is${declaration.name}`];
      const validate = guards[`validate${declaration.name}`];
      expect(validateAjv, ref).toBeTypeOf("function");
      fc.assert(
        fc.property(
          declaration.name === doc.root ? mutatedValuesArb(samples) : jsonArb,
          (value) => {
            const verdict = is?.(value);
            expect({ name: declaration.name, value, ajv: validateAjv?.(value) }).toEqual({
              name: declaration.name,
              value,
              ajv: verdict,
            });
            expect((validate?.(value) as { ok: boolean }).ok).toBe(verdict);
          },
        ),
        {
          seed: Number(process.env["AGREE_SEED"] ?? 3),
          numRuns: Number(process.env["AGREE_RUNS"] ?? (declaration.name === doc.root ? 400 : 100)),
        },
      );
    }
  });
});
