/**
 * prettier's layout of structgen's JSON Schema (JSON.stringify output), without prettier: objects stay expanded
 * (they are written expanded), arrays print on one line when they fit and one item per line otherwise, numbers
 * lose the `+` of their exponent. Arrays of numbers that do not fit (prettier fills lines with them) and arrays
 * of arrays are prettier's: `Unsupported` sends the whole file there.
 */
import { fitsWithin, type FastStyle } from "./style.js";
import { unsupported } from "./tokens.js";

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

export function printJson(text: string, style: FastStyle): string {
  return `${value(JSON.parse(text) as Json, 0, 0, style)}\n`;
}

/** `column`: where the value starts; `after`: characters that follow it on its line (a comma). */
function value(json: Json, level: number, column: number, style: FastStyle, after = 0): string {
  if (json === null || typeof json !== "object") {
    return scalar(json);
  }
  const pad = " ".repeat(level * style.tabWidth);
  const inner = " ".repeat((level + 1) * style.tabWidth);
  if (Array.isArray(json)) {
    return arrayText(json, level, column, style, after);
  }
  const entries = Object.entries(json as { readonly [key: string]: Json });
  // JSON.parse puts index-like keys first, so their order would not be the text's.
  if (entries.some(([key]) => /^(0|[1-9][0-9]*)$/.test(key))) {
    unsupported("index-like key");
  }
  if (entries.length === 0) {
    return "{}";
  }
  const lines = entries.map(([key, item], index) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    const comma = index < entries.length - 1 ? 1 : 0;
    return `${head}${value(item, level + 1, head.length, style, comma)}${comma === 1 ? "," : ""}`;
  });
  return `{\n${lines.join("\n")}\n${pad}}`;
}

function arrayText(
  items: readonly Json[],
  level: number,
  column: number,
  style: FastStyle,
  after: number,
): string {
  if (items.length === 0) {
    return "[]";
  }
  if (items.some((item) => Array.isArray(item))) {
    unsupported("array of arrays");
  }
  // A non-empty object is written expanded, so it breaks its array; anything else may share one line.
  const breaks = items.some(
    (item) => item !== null && typeof item === "object" && Object.keys(item).length > 0,
  );
  if (!breaks) {
    const flat = `[${items.map((item) => (item !== null && typeof item === "object" ? "{}" : scalar(item))).join(", ")}]`;
    if (fitsWithin(`${" ".repeat(column)}${flat}${",".repeat(after)}`, style.printWidth)) {
      return flat;
    }
    if (items.some((item) => typeof item === "number")) {
      unsupported("numbers filling lines");
    }
  }
  const pad = " ".repeat(level * style.tabWidth);
  const inner = " ".repeat((level + 1) * style.tabWidth);
  const lines = items.map((item, index) => {
    const comma = index < items.length - 1 ? 1 : 0;
    return `${inner}${value(item, level + 1, inner.length, style, comma)}${comma === 1 ? "," : ""}`;
  });
  return `[\n${lines.join("\n")}\n${pad}]`;
}

function scalar(json: null | boolean | number | string): string {
  return typeof json === "number" ? JSON.stringify(json).replace("e+", "e") : JSON.stringify(json);
}
