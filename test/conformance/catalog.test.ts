/**
 * Catalog conformance on ../shared/corpus/catalog, when it is present (issue 13): one run per provider folder;
 * at least 98 % of the files generate (exit 0), typecheck under nodenext and bundler and compile in ajv strict
 * mode; example instances are accepted by guard and ajv where the examples fit their declared types. The table
 * (accepted / exact / with warnings / rejected, warning codes with counts, examples that do not fit) is printed;
 * `npm run conformance -- --catalog <dir>` prints the same.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/fixtures.js";
import { type CatalogReport, catalogRuns, passes, runCatalogConformance } from "./catalog.js";
import { exampleVerdicts, renderCatalogReport, totals } from "./catalog-table.js";

const CORPUS = join(REPO_ROOT, "..", "shared", "corpus", "catalog");

describe.skipIf(!existsSync(CORPUS))("catalog conformance on ../shared/corpus/catalog", () => {
  let report: CatalogReport;

  beforeAll(async () => {
    report = await runCatalogConformance(CORPUS);
    console.info(renderCatalogReport(report));
  }, 900_000);

  it("reads every file of every provider folder, and crashes on none", () => {
    const files = catalogRuns(CORPUS).flatMap((r) => r.files);
    expect(report.files.length).toBe(files.length);
    expect(files.length).toBeGreaterThan(0);
    expect(
      report.files.filter((f) => f.outcome === "crashed").map((f) => [f.id, f.reason]),
    ).toEqual([]);
  });

  it("at least 98 % of the files generate, typecheck under nodenext and bundler, and compile in ajv strict mode", () => {
    const t = totals(report);
    const failing = report.files
      .filter((f) => !passes(f))
      .map((f) => [f.id, f.outcome, f.reason, f.typecheck, f.ajv]);
    expect(t.passing / t.files, JSON.stringify(failing, null, 1)).toBeGreaterThanOrEqual(0.98);
  });

  it("every generated file typechecks and compiles: a file is only ever rejected, never broken", () => {
    expect(
      report.files
        .filter((f) => f.outcome === "accepted" && !passes(f))
        .map((f) => [f.id, f.typecheck, f.ajv]),
    ).toEqual([]);
  });

  it("every warning and error is positioned (line and column) in the file it is about", () => {
    const unpositioned = report.files.flatMap((f) =>
      f.warnings
        .filter((w) => w.line === undefined || w.column === undefined)
        .map((w) => [f.id, w.code, w.pointer]),
    );
    expect(unpositioned).toEqual([]);
  });

  it("assembles an instance from the examples of every file whose members carry `example` values", () => {
    const withExamples = report.files.filter(
      (f) =>
        f.outcome === "accepted" &&
        /"examples?"\s*:/.test(readFileSync(join(CORPUS, f.id), "utf8")),
    );
    const judged = new Set(report.examples.map((e) => e.id));
    expect(withExamples.length).toBeGreaterThan(0);
    expect(withExamples.filter((f) => !judged.has(f.id)).map((f) => f.id)).toEqual([]);
  });

  it("guard (is, validate) and ajv agree on every example instance", () => {
    expect(
      report.examples
        .filter((e) => e.guard !== e.ajv || e.validateOk !== e.guard)
        .map((e) => [e.id, e.source, e.guard, e.validateOk, e.ajv, e.errors]),
    ).toEqual([]);
  });

  it("an example instance is rejected only where an example does not fit its declared type (or a required member has none)", () => {
    const unexplained = report.examples.flatMap((e) =>
      exampleVerdicts(e)
        .filter((v) => v.endsWith("(UNEXPLAINED)"))
        .map((v) => [e.id, v]),
    );
    expect(unexplained).toEqual([]);
  });
});
