/** The catalog conformance report as text: one row per file, the totals, the warning codes, the examples. */
import { type CatalogReport, type ExampleResult, passes } from "./catalog.js";
import { pad } from "./table.js";

export function warningCounts(report: CatalogReport): [string, number][] {
  const counts = new Map<string, number>();
  for (const code of report.files.flatMap((f) => f.warnings.map((w) => w.code))) {
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Accepted / exact / with warnings / rejected, and the share of files that pass every check. */
export function totals(report: CatalogReport) {
  const files = report.files;
  const accepted = files.filter((f) => f.outcome === "accepted");
  return {
    files: files.length,
    accepted: accepted.length,
    exact: accepted.filter((f) => f.warnings.length === 0).length,
    withWarnings: accepted.filter((f) => f.warnings.length > 0).length,
    rejected: files.filter((f) => f.outcome === "rejected").length,
    crashed: files.filter((f) => f.outcome === "crashed").length,
    passing: files.filter(passes).length,
  };
}

/** Why an example instance was rejected: each guard error, said as a not-fitting example or a missing member. */
export function exampleVerdicts(example: ExampleResult): string[] {
  return example.errors.map((e) => {
    const fromExample = example.assembled.examples.some(
      (p) => e.path === p || e.path.startsWith(`${p}/`),
    );
    const missing = example.assembled.missing.includes(e.path);
    const why = fromExample
      ? "example does not fit"
      : missing
        ? "no example for a required member"
        : "UNEXPLAINED";
    return `${e.path || "(root)"}: ${e.message} (${why})`;
  });
}

export function renderCatalogReport(report: CatalogReport): string {
  const rows = report.files.map((f) => [
    passes(f) ? "ok" : "FAIL",
    f.id,
    f.outcome,
    f.outcome !== "accepted"
      ? "-"
      : f.warnings.length === 0
        ? "exact"
        : `${f.warnings.length} warnings`,
    f.typecheck === undefined
      ? "-"
      : f.typecheck.nodenext.length + f.typecheck.bundler.length === 0
        ? "ok"
        : `${f.typecheck.nodenext.length}+${f.typecheck.bundler.length} errors`,
    f.ajv === undefined ? "-" : f.ajv === "" ? "ok" : "error",
    f.outcome === "accepted"
      ? [...new Set(f.warnings.map((w) => w.code))].join(",")
      : (f.reason ?? "").slice(0, 100),
  ]);
  const t = totals(report);
  const share = t.files === 0 ? 0 : (100 * t.passing) / t.files;
  const rejectedExamples = report.examples.filter((e) => !e.guard);
  return [
    pad([["", "file", "outcome", "warnings", "typecheck", "ajv", "notes"], ...rows]),
    "",
    `files: ${t.files}; accepted ${t.accepted} (exact ${t.exact}, with warnings ${t.withWarnings}); rejected ${t.rejected}; crashed ${t.crashed}`,
    `generate, typecheck (nodenext, bundler) and compile in ajv strict mode: ${t.passing}/${t.files} (${share.toFixed(1)} %)`,
    "",
    "warning codes:",
    ...warningCounts(report).map(([code, count]) => `  ${code.padEnd(24)} ${count}`),
    "",
    `example instances: ${report.examples.length}; accepted by guard and ajv ${report.examples.filter((e) => e.guard && e.ajv).length}; rejected by both ${rejectedExamples.length}`,
    ...rejectedExamples.flatMap((e) => [
      `  ${e.id} (${e.source})`,
      ...exampleVerdicts(e).map((v) => `    ${v}`),
    ]),
  ].join("\n");
}
