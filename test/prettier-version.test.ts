/**
 * The fast printers stand in for prettier only under the prettier they were compared with
 * (src/format/prettier-version.ts): package.json pins exactly that version, and under any other version the
 * format stage hands every file to prettier.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as prettier from "prettier";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutputFile } from "../src/emit/emitters.js";
import { formatOutputs, type PrettierApi } from "../src/format/format.js";
import { FAST_FORMAT_PRETTIER_VERSION, fastFormatsFor } from "../src/format/prettier-version.js";
import { generate } from "../src/pipeline/generate.js";
import { REPO_ROOT } from "./helpers/fixtures.js";

const INPUT = join(REPO_ROOT, "fixtures", "flat", "letta-run", "input.json");
/** The output folder's config: one the fast printers follow, so only the version decides. */
const CONFIG = { printWidth: 90 };

interface FormatCall {
  readonly text: string;
  readonly parser: prettier.Options["parser"];
}

/** The real prettier under another `version`, recording every format call. */
function recordingPrettier(version: string): { api: PrettierApi; calls: FormatCall[] } {
  const calls: FormatCall[] = [];
  const api: PrettierApi = {
    version,
    resolveConfig: prettier.resolveConfig,
    getFileInfo: prettier.getFileInfo,
    format: (text, options) => {
      calls.push({ text, parser: options?.parser });
      return prettier.format(text, options);
    },
  };
  return { api, calls };
}

function parserFor(file: OutputFile): string {
  return file.path.endsWith(".json") ? "json" : "babel-ts";
}

/** What prettier alone makes of a file under CONFIG. */
function prettierOutput(file: OutputFile): Promise<string> {
  return prettier.format(file.contents, { ...CONFIG, parser: parserFor(file) });
}

let outDir: string;
let files: OutputFile[];
let expected: Map<string, string>;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "structgen-prettier-version-"));
  writeFileSync(join(outDir, ".prettierrc.json"), JSON.stringify(CONFIG));
  const result = await generate([INPUT], { prettier: false });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  files = [...result.files];
  // Both kinds of file the fast printers handle.
  expect(files.some((f) => f.path.endsWith(".json"))).toBe(true);
  expect(files.some((f) => f.path.endsWith(".ts"))).toBe(true);
  expected = new Map();
  for (const file of files) {
    expected.set(file.path, await prettierOutput(file));
  }
});

afterAll(() => {
  rmSync(outDir, { recursive: true, force: true });
});

describe("the pin", () => {
  it("package.json pins prettier to exactly the fast printers' version", () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const pin = pkg.dependencies["prettier"];
    expect(pin).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pin).toBe(FAST_FORMAT_PRETTIER_VERSION);
  });

  it("the lock file and the installed prettier are that version", () => {
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version?: string }>;
    };
    expect(lock.packages["node_modules/prettier"]?.version).toBe(FAST_FORMAT_PRETTIER_VERSION);
    // The prettier test/fast-format.test.ts compares the fast printers with.
    expect(prettier.version).toBe(FAST_FORMAT_PRETTIER_VERSION);
  });

  it("only that exact version allows the fast printers", () => {
    expect(fastFormatsFor(FAST_FORMAT_PRETTIER_VERSION)).toBe(true);
    const [major, minor, patch] = FAST_FORMAT_PRETTIER_VERSION.split(".").map(Number) as [
      number,
      number,
      number,
    ];
    for (const other of [
      `${major}.${minor}.${patch + 1}`,
      `${major}.${minor + 1}.0`,
      `${major + 1}.0.0`,
      `${FAST_FORMAT_PRETTIER_VERSION}-beta.1`,
      "",
    ]) {
      expect(fastFormatsFor(other), other).toBe(false);
    }
  });
});

describe("the format stage", () => {
  it("under the pinned version, prints on the fast path and gives prettier's bytes", async () => {
    const { api, calls } = recordingPrettier(FAST_FORMAT_PRETTIER_VERSION);
    const result = await formatOutputs(files, outDir, api);
    expect(result.diagnostics).toEqual([]);
    expect(new Map(result.files.map((f) => [f.path, f.contents]))).toEqual(expected);
    // The schema is printed without prettier, and no file is handed to prettier whole.
    expect(calls.filter((call) => call.parser === "json")).toEqual([]);
    const wholeFiles = new Set(files.map((f) => f.contents));
    expect(calls.filter((call) => wholeFiles.has(call.text))).toEqual([]);
  });

  it("with no prettier given, uses the installed one (the pinned version) as above", async () => {
    const result = await formatOutputs(files, outDir);
    expect(result.diagnostics).toEqual([]);
    expect(new Map(result.files.map((f) => [f.path, f.contents]))).toEqual(expected);
  });

  const [major, minor, patch] = FAST_FORMAT_PRETTIER_VERSION.split(".").map(Number) as [
    number,
    number,
    number,
  ];
  it.each([`${major}.${minor}.${patch + 1}`, `${major + 1}.0.0`])(
    "under prettier %s, has prettier format every file, whole",
    async (version) => {
      const { api, calls } = recordingPrettier(version);
      const result = await formatOutputs(files, outDir, api);
      expect(result.diagnostics).toEqual([]);
      expect(new Map(result.files.map((f) => [f.path, f.contents]))).toEqual(expected);
      expect(calls.map((call) => call.text).sort()).toEqual(files.map((f) => f.contents).sort());
      expect(calls.map((call) => call.parser).sort()).toEqual(files.map(parserFor).sort());
    },
  );
});
