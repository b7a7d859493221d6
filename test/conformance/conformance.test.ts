/**
 * Conformance on the shared JSON Structure corpus (../shared/corpus/json-structure), when it is present: the
 * requirements of issue 3, one test each, every failure listed by file. `npm run conformance -- <dir>` prints the
 * same run as a table.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { mutatedValuesArb } from "../core/mutations.js";
import { REPO_ROOT } from "../helpers/fixtures.js";
import { strictAjv } from "../helpers/outputs.js";
import {
  type ConformanceReport,
  type InstanceResult,
  rejectedWithPosition,
  runConformance,
} from "./conformance.js";
import { readCorpus } from "./corpus.js";

const CORPUS = join(REPO_ROOT, "..", "shared", "corpus", "json-structure");
const EXPECTED_PATHS = Object.fromEntries(
  Object.entries(
    JSON.parse(
      readFileSync(join(REPO_ROOT, "test", "conformance", "expected-paths.json"), "utf8"),
    ) as Record<string, string>,
  ).filter(([key]) => !key.startsWith("_")),
);

describe.skipIf(!existsSync(CORPUS))("conformance on ../shared/corpus/json-structure", () => {
  let report: ConformanceReport;

  beforeAll(async () => {
    report = await runConformance(readCorpus(CORPUS), EXPECTED_PATHS);
  }, 600_000);

  const failing = (rows: readonly { pass: boolean; case: { id: string } }[]) =>
    rows.filter((r) => !r.pass).map((r) => r.case.id);

  it("every schema of samples/core and samples/import generates, typechecks and compiles in ajv strict mode", () => {
    const samples = report.schemas.filter((r) => r.case.set.startsWith("samples/"));
    expect(samples.length).toBe(18);
    expect(
      samples
        .filter((r) => r.outcome !== "generated" || r.typecheck?.length !== 0 || r.ajv !== "")
        .map((r) => [r.case.id, r.reason, r.typecheck, r.ajv]),
    ).toEqual([]);
  });

  it("every example instance is accepted by the guard and by ajv", () => {
    const examples = report.instances.filter((r) => r.case.expect === "valid");
    expect(examples.length).toBe(38);
    expect(
      examples
        .filter((r) => r.guard !== true || r.ajv !== true)
        .map((r) => [r.case.id, r.guardPaths, r.ajvPaths]),
    ).toEqual([]);
  });

  it("every SDK invalid or validation instance is rejected by both, with the error path where the instance is wrong", () => {
    const invalid = report.instances.filter((r) => r.case.expect === "invalid");
    expect(invalid.length).toBe(48);
    expect(invalid.filter((r) => r.expectedPath === undefined).map((r) => r.case.id)).toEqual([]);
    expect(
      invalid
        .filter((r) => !r.pass)
        .map((r) => [r.case.id, r.guard, r.ajv, r.expectedPath, r.guardPaths, r.ajvPaths]),
    ).toEqual([]);
  });

  it("every schema in schemas/invalid is rejected with a positioned diagnostic (as Core, when it leans on catalog constructs)", () => {
    const invalid = report.schemas.filter((r) => r.case.set === "sdk invalid");
    expect(invalid.length).toBe(26);
    expect(
      invalid.filter((r) => !rejectedWithPosition(r)).map((r) => [r.case.id, r.outcome]),
    ).toEqual([]);
  });

  it("every adversarial schema generates cleanly or is rejected with a diagnostic; none crashes", () => {
    const adversarial = report.schemas.filter((r) => r.case.set === "sdk adversarial");
    expect(adversarial.length).toBe(33);
    expect(failing(adversarial)).toEqual([]);
    expect(adversarial.filter((r) => r.ms > 10_000).map((r) => r.case.id)).toEqual([]);
  });

  it("warning and validation schemas generate; the warning appears exactly when the extension is not enabled", () => {
    expect(
      failing(
        report.schemas.filter(
          (r) => r.case.set === "sdk warnings" || r.case.set === "sdk validation",
        ),
      ),
    ).toEqual([]);
  });

  it("guard and ajv agree on every adversarial instance", () => {
    expect(failing(report.instances.filter((r) => r.case.expect === "unknown"))).toEqual([]);
  });

  it("guard and ajv agree on 300 near misses of each sample schema's example instances", () => {
    const bySchema = new Map<string, InstanceResult[]>();
    for (const row of report.instances.filter((r) => r.case.expect === "valid")) {
      bySchema.set(row.case.schema, [...(bySchema.get(row.case.schema) ?? []), row]);
    }
    expect(bySchema.size).toBe(16);
    for (const [schemaId, rows] of bySchema) {
      const outputs = report.outputs.get(schemaId);
      const root = outputs?.model.root ?? "";
      const is = outputs?.module?.[`is${root}`];
      const ajv = strictAjv().compile(outputs?.schema ?? {});
      const examples = rows.map((r) => JSON.parse(readFileSync(r.case.file, "utf8")) as unknown);
      fc.assert(
        fc.property(mutatedValuesArb(examples), (value) => {
          expect({ schemaId, value, guard: is?.(value) }).toEqual({
            schemaId,
            value,
            guard: ajv(value),
          });
        }),
        { seed: 5, numRuns: 300 },
      );
    }
  });

  it("every expected error path names an instance of the corpus", () => {
    const ids = new Set(report.instances.map((r) => r.case.id));
    expect(Object.keys(EXPECTED_PATHS).filter((id) => !ids.has(id))).toEqual([]);
  });
});
