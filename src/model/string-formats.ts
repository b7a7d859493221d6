/**
 * The formats structgen can check, with the same meaning as ajv-formats' full mode. Each one has a tested
 * implementation in templates/formats.ts named `format` + PascalCase(name); guards copy the ones they use.
 */
import { readFileSync } from "node:fs";
import type { CoreFormat } from "./model.js";

export const STRING_FORMATS: readonly string[] = [
  "date",
  "time",
  "date-time",
  "iso-time",
  "iso-date-time",
  "duration",
  "uri",
  "uri-reference",
  "uri-template",
  "url",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "regex",
  "uuid",
  "json-pointer",
  "json-pointer-uri-fragment",
  "relative-json-pointer",
  "byte",
  "password",
  "binary",
];

export const NUMBER_FORMATS: readonly string[] = ["int32", "int64", "float", "double"];

export function isStringFormat(name: string): boolean {
  return STRING_FORMATS.includes(name);
}

export function isNumberFormat(name: string): boolean {
  return NUMBER_FORMATS.includes(name);
}

/**
 * A " (did you mean ...?)" for an unknown format that differs from a known one only in case and punctuation
 * ("datetime", "DateTime" and "date_time" all mean "date-time"; "e-mail" means "email"); "" otherwise.
 */
export function formatHint(name: string): string {
  const bare = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");
  const likely = [...STRING_FORMATS, ...NUMBER_FORMATS].find(
    (known) => known !== name && bare(known) === bare(name),
  );
  return likely === undefined ? "" : ` (did you mean "${likely}"?)`;
}

/** The template function that checks a format: "date-time" -> "formatDateTime". */
export function formatFunctionName(format: string): string {
  const parts = format.split("-").map((part) => part.charAt(0).toUpperCase() + part.slice(1));
  return `format${parts.join("")}`;
}

let corePatterns: Readonly<Record<CoreFormat, string>> | undefined;

/**
 * The regular expression source of a JSON Structure Core lexical rule (templates/core-formats-patterns.json, the one
 * source that the guards' helpers, the schema's `pattern` and the reader's check of literal values share).
 */
export function coreFormatPattern(format: CoreFormat): string {
  corePatterns ??= JSON.parse(
    readFileSync(new URL("../../templates/core-formats-patterns.json", import.meta.url), "utf8"),
  ) as Record<CoreFormat, string>;
  return corePatterns[format];
}
