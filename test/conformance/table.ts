/** The conformance report as text: one table of schemas, one of instances, then a summary line per set. */
import type { ConformanceReport, InstanceResult, SchemaResult } from "./conformance.js";

const mark = (pass: boolean): string => (pass ? "ok" : "FAIL");

export function pad(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function schemaRow(r: SchemaResult): string[] {
  const typecheck =
    r.typecheck === undefined
      ? "-"
      : r.typecheck.length === 0
        ? "ok"
        : `${r.typecheck.length} errors`;
  const ajv = r.ajv === undefined ? "-" : r.ajv === "" ? "ok" : "error";
  const note = r.outcome === "generated" ? r.warningCodes.join(",") : (r.reason ?? "").slice(0, 90);
  return [
    mark(r.pass),
    r.case.set,
    r.case.id.split("/").slice(-2).join("/"),
    r.case.expect,
    r.outcome,
    typecheck,
    ajv,
    `${Math.round(r.ms)}ms`,
    note,
  ];
}

function verdict(value: boolean | undefined): string {
  return value === undefined ? "-" : value ? "valid" : "invalid";
}

function instanceRow(r: InstanceResult): string[] {
  const paths =
    r.expectedPath === undefined
      ? (r.guardPaths[0] ?? "")
      : `${r.expectedPath} (guard ${r.guardPaths.includes(r.expectedPath) ? "yes" : "no"}, ajv ${r.ajvPaths.includes(r.expectedPath) ? "yes" : "no"})`;
  return [
    mark(r.pass),
    r.case.set,
    r.case.id.split("/").slice(-2).join("/"),
    r.case.expect,
    verdict(r.guard),
    verdict(r.ajv),
    paths,
  ];
}

function summary<T extends { pass: boolean }>(
  label: string,
  rows: readonly T[],
  setOf: (row: T) => string,
): string[] {
  const sets = [...new Set(rows.map(setOf))];
  return sets.map((set) => {
    const inSet = rows.filter((r) => setOf(r) === set);
    return `${label} ${set}: ${inSet.filter((r) => r.pass).length}/${inSet.length} as expected`;
  });
}

export function renderReport(report: ConformanceReport): string {
  const schemaTable = pad([
    ["", "set", "schema", "expected", "outcome", "typecheck", "ajv", "time", "notes"],
    ...report.schemas.map(schemaRow),
  ]);
  const instanceTable = pad([
    ["", "set", "instance", "expected", "guard", "ajv", "error path"],
    ...report.instances.map(instanceRow),
  ]);
  const lines = [
    ...summary("schemas", report.schemas, (r) => r.case.set),
    ...summary("instances", report.instances, (r) => r.case.set),
  ];
  const failures = [...report.schemas, ...report.instances].filter((r) => !r.pass).length;
  return [
    schemaTable,
    "",
    instanceTable,
    "",
    ...lines,
    failures === 0 ? "all as expected" : `${failures} not as expected`,
  ].join("\n");
}
