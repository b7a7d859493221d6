/**
 * Keeps the benchmark suite from rotting: runs its smoke configuration in process (tiny corpora, short time
 * budgets) and checks that every measurement is a positive finite number and that the table has every row.
 * No timing assertion: how fast anything is, is the benchmark's business, not the test's.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expectedRowIds, runSuite, SMOKE, type SuiteResult } from "./suite.ts";
import { renderTable } from "./table.ts";
import { renderTargets, TARGET_ROWS } from "./targets.ts";

describe("npm run bench:smoke", () => {
  let result: SuiteResult;

  // No time limit: on a loaded machine the spawned CLIs can be slow, and that is not a failure.
  beforeAll(async () => {
    result = await runSuite(SMOKE);
  }, 0);

  it("produces every row, once, in order", () => {
    expect(result.rows.map((row) => row.id)).toEqual(expectedRowIds());
  });

  it("measures a positive finite number for every row and every peer", () => {
    for (const row of result.rows) {
      // Derived rows are differences of wall times: on tiny corpora they are noise, but still numbers.
      expect(Number.isFinite(row.value), row.id).toBe(true);
      if (row.derived !== true) {
        expect(row.value, row.id).toBeGreaterThan(0);
      }
      if (row.peer !== undefined) {
        expect(Number.isFinite(row.peer.value), `${row.id} peer`).toBe(true);
        expect(row.peer.value, `${row.id} peer`).toBeGreaterThan(0);
      }
    }
  });

  it("renders one Markdown table with a line per row and the machine", () => {
    const table = renderTable(result.rows).split("\n");
    expect(table).toHaveLength(result.rows.length + 2);
    for (const row of result.rows) {
      expect(
        table.some((line) => line.includes(row.measurement.replace(/\|/g, "\\|"))),
        row.id,
      ).toBe(true);
    }
    expect(result.machine).toMatch(/cores/);
    expect(result.machine).toContain(process.version);
  });

  it("measures issue 14's targets on its own Node, and renders a line per target", () => {
    expect(result.targets.map((f) => f.version)).toEqual([process.version]);
    const [figures] = result.targets;
    const numbers = [
      figures?.oneDocument.structgenMs,
      figures?.oneDocument.json2tsMs,
      figures?.corpus.structgenMs,
      figures?.typesOnly.structgenMs,
      figures?.typesOnly.json2tsMs,
      figures?.checkMs,
      figures?.rss.mibPer1000,
    ];
    expect(numbers.every((n) => n !== undefined && Number.isFinite(n))).toBe(true);
    expect(figures?.guards.length).toBeGreaterThan(0);
    const table = renderTargets(result.targets).split("\n");
    expect(table).toHaveLength(TARGET_ROWS.length + 2);
    for (const row of TARGET_ROWS) {
      expect(
        table.some((line) => line.startsWith(`| ${row.measure.replace(/\|/g, "\\|")} |`)),
        row.id,
      ).toBe(true);
    }
  });
});
