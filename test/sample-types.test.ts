/**
 * Types mean what the guards accept: every valid sample of every golden case (fixtures/<dialect>/<case>/
 * samples/valid/*.json) is assignable to the case's emitted root type, and every value inside it can be read back
 * through that type, under tsc --strict with exactOptionalPropertyTypes and noUncheckedIndexedAccess; all cases
 * in one program. How a sample is checked: test/helpers/sample-types.ts. Controls show the check rejects what it
 * should, bug 1's array type among them (which plain assignability would accept).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../src/pipeline/generate.js";
import { type GoldenCase, goldenCases, REPO_ROOT } from "./helpers/fixtures.js";
import { type GeneratedFile, typecheck } from "./helpers/outputs.js";
import { samplesFile } from "./helpers/sample-types.js";

const CASES = [...goldenCases("flat"), ...goldenCases("core"), ...goldenCases("enrich")].filter(
  (c) => c.validSamples.length > 0,
);

type Samples = readonly { readonly name: string; readonly value: unknown }[];

/** The case's types files under `<folder>/`, and its samples file beside the root document's types. */
async function caseFiles(
  golden: GoldenCase,
  folder: string,
  samples: Samples,
): Promise<GeneratedFile[]> {
  const inputs = golden.inputs.map((path) => ({
    path,
    contents: readFileSync(join(REPO_ROOT, path)),
  }));
  const result = await generate(
    { inputs, outDir: join(REPO_ROOT, golden.dir, "expected") },
    { ...golden.options, prettier: false },
  );
  const model = result.models[0];
  const types = result.files.filter((f) => f.path.endsWith(".types.ts"));
  const rootTypes = types.find((f) => f.path.endsWith(`${model?.baseName ?? "?"}.types.ts`));
  if (model === undefined || rootTypes === undefined) {
    throw new Error(`${golden.dir}: no types for the root document`);
  }
  const dir = rootTypes.path.includes("/") ? rootTypes.path.replace(/\/[^/]*$/, "/") : "";
  const typesModule = `./${rootTypes.path.slice(dir.length).replace(/\.ts$/, ".js")}`;
  return [
    ...types.map((f) => ({ path: `${folder}/${f.path}`, contents: f.contents })),
    { path: `${folder}/${dir}samples.ts`, contents: samplesFile(typesModule, model.root, samples) },
  ];
}

const folderOf = (golden: GoldenCase): string => golden.dir.replace(/[^A-Za-z0-9]+/g, "-");

/** The types of fixtures/core/required-sets-items as structgen emitted them before the fix (bug 1). */
const BUG_1_TYPES = `export interface Directory {
  contacts: { email?: string; phone?: string } & ({ email: string } | { phone: string })[];
  backup?: { email?: string; phone?: string } & ({ email: string } | { phone: string })[];
  $schema?: string;
  $uses?: string[];
}
`;

describe("every valid sample is assignable to its root type and reads back through it", () => {
  let diagnostics: readonly string[] = [];
  let controls: readonly string[] = [];
  const contacts = CASES.find((c) => c.dir === "fixtures/core/required-sets-items");
  const wrongSamples: Samples = [
    { name: "email-not-string", value: { contacts: [{ email: 7 }] } },
    { name: "no-contacts", value: {} },
    { name: "contacts-not-array", value: { contacts: { email: "a" } } },
  ];

  beforeAll(async () => {
    const files = (
      await Promise.all(CASES.map((c) => caseFiles(c, folderOf(c), c.validSamples)))
    ).flat();
    diagnostics = typecheck(files, "nodenext");
    if (contacts === undefined) {
      return;
    }
    // Controls, each sample in its own folder: wrong samples against today's types, and valid ones against bug 1's.
    const wrong = await Promise.all(
      wrongSamples.map((sample) => caseFiles(contacts, `wrong-${sample.name}`, [sample])),
    );
    const bug1 = contacts.validSamples.map((sample) => [
      { path: `bug1-${sample.name}/input.types.ts`, contents: BUG_1_TYPES },
      {
        path: `bug1-${sample.name}/samples.ts`,
        contents: samplesFile("./input.types.js", "Directory", [sample]),
      },
    ]);
    controls = typecheck([...wrong.flat(), ...bug1.flat()], "nodenext");
  }, 120_000);

  it("covers the golden cases", () => {
    expect(CASES.length).toBeGreaterThan(15);
    expect(contacts?.validSamples.length).toBeGreaterThan(1);
  });

  it.each(CASES.map((c) => [c.dir, folderOf(c)] as const))("%s", (_dir, folder) => {
    expect(diagnostics.filter((d) => d.startsWith(`${folder}/`))).toEqual([]);
  });

  it("rejects a sample whose values do not fit the types", () => {
    for (const { name } of wrongSamples) {
      expect(controls.filter((d) => d.startsWith(`wrong-${name}/`)).length, name).toBeGreaterThan(
        0,
      );
    }
  });

  it("rejects bug 1's type: the item's keys went to the array", () => {
    for (const { name } of contacts?.validSamples ?? []) {
      const found = controls.filter((d) => d.startsWith(`bug1-${name}/`));
      expect(found.join("\n"), name).toMatch(
        /Argument of type 'true' is not assignable to parameter of type '"email" \| "phone"'/,
      );
    }
  });
});
