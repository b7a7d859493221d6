/**
 * prettier's layout of structgen's JSON Schema (JSON.stringify output), without prettier: objects stay expanded
 * (they are written expanded), arrays print on one line when they fit and one item per line otherwise, numbers
 * lose the `+` of their exponent, arrays of numbers that do not fit fill lines, and an array of arrays (or objects)
 * that each hold more than one element always breaks. Anything else is prettier's: `Unsupported` sends the whole
 * file there.
 */
import { fitsWithin, type FastStyle } from "./style.js";
import { unsupported } from "./tokens.js";

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

export function printJson(text: string, style: FastStyle): string {
  const json = JSON.parse(text) as Json;
  // JSON.parse puts index-like keys first: their order is the text's only when the text is JSON.stringify's
  // (structgen's schemas are), which gives the same text back.
  if (/"(0|[1-9][0-9]*)":/.test(text) && `${JSON.stringify(json, null, 2)}\n` !== text) {
    unsupported("index-like key out of order");
  }
  return `${value(json, 0, 0, style)}\n`;
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
  const flat = flatText(items);
  if (flat !== undefined && !breaksAlways(items)) {
    if (fitsWithin(`${" ".repeat(column)}${flat}${",".repeat(after)}`, style.printWidth)) {
      return flat;
    }
  }
  const pad = " ".repeat(level * style.tabWidth);
  const inner = " ".repeat((level + 1) * style.tabWidth);
  if (items.length > 1 && items.every((item) => typeof item === "number")) {
    return `[\n${filled(items.map(scalar), inner, style).join("\n")}\n${pad}]`;
  }
  const lines = items.map((item, index) => {
    const comma = index < items.length - 1 ? 1 : 0;
    return `${inner}${value(item, level + 1, inner.length, style, comma)}${comma === 1 ? "," : ""}`;
  });
  return `[\n${lines.join("\n")}\n${pad}]`;
}

/** The array on one line; undefined when it holds a non-empty object (written expanded, so it breaks). */
function flatText(items: readonly Json[]): string | undefined {
  const texts: string[] = [];
  for (const item of items) {
    if (Array.isArray(item)) {
      // An array that always breaks breaks its parents too.
      const text = item.length === 0 ? "[]" : breaksAlways(item) ? undefined : flatText(item);
      if (text === undefined) {
        return undefined;
      }
      texts.push(text);
    } else if (item !== null && typeof item === "object") {
      if (Object.keys(item).length > 0) {
        return undefined;
      }
      texts.push("{}");
    } else {
      texts.push(scalar(item));
    }
  }
  return `[${texts.join(", ")}]`;
}

/** prettier breaks an array of two or more arrays (or objects) that each hold more than one element. */
function breaksAlways(items: readonly Json[]): boolean {
  const size = (item: Json): number =>
    Array.isArray(item)
      ? item.length
      : item !== null && typeof item === "object"
        ? Object.keys(item).length
        : 0;
  return (
    items.length > 1 &&
    items.every(
      (item, i) =>
        item !== null &&
        typeof item === "object" &&
        size(item) > 1 &&
        (i === 0 || Array.isArray(item) === Array.isArray(items[i - 1])),
    )
  );
}

/** prettier's fill of an array of numbers: on each line as many as fit, each with its comma but the last. */
function filled(items: readonly string[], pad: string, style: FastStyle): string[] {
  const lines: string[] = [];
  let line = "";
  items.forEach((item, i) => {
    const text = i < items.length - 1 ? `${item},` : item;
    if (line !== "" && fitsWithin(`${line} ${text}`, style.printWidth)) {
      line = `${line} ${text}`;
    } else {
      if (line !== "") {
        lines.push(line);
      }
      line = `${pad}${text}`;
    }
  });
  return [...lines, line];
}

function scalar(json: null | boolean | number | string): string {
  return typeof json === "number" ? JSON.stringify(json).replace("e+", "e") : JSON.stringify(json);
}
