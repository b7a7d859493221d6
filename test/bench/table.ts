/** The suite's one table, as Markdown: each structgen figure beside its peer's from the same run, with the ratio. */

export type Unit = "ops/s" | "ms" | "MiB" | "x";

export interface Target {
  /** e.g. "≥ 4×", "< 500 ms". */
  readonly text: string;
  readonly met: boolean;
}

export interface Row {
  /** Stable across configurations (the smoke test checks that every expected id is present). */
  readonly id: string;
  readonly section: string;
  readonly measurement: string;
  readonly value: number;
  readonly unit: Unit;
  readonly better: "higher" | "lower";
  readonly peer?: { readonly name: string; readonly value: number };
  readonly target?: Target;
  /** Computed from other rows (a ratio of differences), so it can be noise-dominated on tiny runs. */
  readonly derived?: boolean;
}

/** How many times better structgen is than its peer (> 1: structgen is faster / better). */
export function advantage(row: Row): number | undefined {
  if (row.peer === undefined) {
    return undefined;
  }
  return row.better === "higher" ? row.value / row.peer.value : row.peer.value / row.value;
}

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) {
    return String(value);
  }
  switch (unit) {
    case "ops/s":
      return value >= 1e6
        ? `${(value / 1e6).toFixed(2)}M ops/s`
        : value >= 1e3
          ? `${(value / 1e3).toFixed(1)}k ops/s`
          : `${value.toFixed(0)} ops/s`;
    case "ms":
      return value >= 10_000
        ? `${(value / 1000).toFixed(1)} s`
        : value >= 1000
          ? `${(value / 1000).toFixed(2)} s`
          : value >= 10
            ? `${value.toFixed(0)} ms`
            : `${value.toFixed(2)} ms`;
    case "MiB":
      return `${value.toFixed(0)} MiB`;
    case "x":
      return `${value.toFixed(2)}×`;
  }
}

function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) {
    return "";
  }
  if (!Number.isFinite(ratio) || ratio <= 0) {
    return String(ratio);
  }
  return ratio >= 1 ? `${ratio.toFixed(2)}× faster` : `${(1 / ratio).toFixed(2)}× slower`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

export function renderTable(rows: readonly Row[]): string {
  const header = [
    "section",
    "measurement",
    "structgen",
    "peer",
    "peer figure",
    "structgen vs peer",
    "target",
  ];
  const lines = [`| ${header.join(" | ")} |`, "|---|---|---:|---|---:|---:|---|"];
  for (const row of rows) {
    const target =
      row.target === undefined
        ? ""
        : `${row.target.text}: ${row.target.met ? "met" : "**missed**"}`;
    const cells = [
      row.section,
      row.measurement,
      formatValue(row.value, row.unit),
      row.peer?.name ?? "",
      row.peer === undefined ? "" : formatValue(row.peer.value, row.unit),
      formatRatio(advantage(row)),
      target,
    ];
    lines.push(`| ${cells.map(cell).join(" | ")} |`);
  }
  return lines.join("\n");
}
