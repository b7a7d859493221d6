/**
 * The 14 published Letta flat summaries (../shared/corpus/flat/letta) generate in one run, typecheck under
 * strict settings and compile in ajv strict mode. Skipped only when ../shared is not beside the project.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, type GenerateResult } from "../src/pipeline/generate.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { ajvWarnings, strictAjv, typecheck } from "./helpers/outputs.js";

const CORPUS = join(REPO_ROOT, "..", "shared", "corpus", "flat", "letta");
const available = existsSync(CORPUS);

describe.skipIf(!available)("the Letta corpus of flat summaries", () => {
  let result: GenerateResult;
  let inputs: string[];

  beforeAll(async () => {
    inputs = readdirSync(CORPUS)
      .filter((file) => file.endsWith(".json"))
      .sort()
      .map((file) => join(CORPUS, file));
    result = await generate({ inputs, outDir: REPO_ROOT }, { prettier: false });
  });

  it("holds all 14 summaries and generates them in one run without errors", () => {
    expect(inputs).toHaveLength(14);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.documents).toHaveLength(14);
    // 3 files per document plus index.ts
    expect(result.files).toHaveLength(14 * 3 + 2); // and index.ts, runtime.ts
  });

  it("reports no warnings: the published summaries are well formed", () => {
    expect(result.diagnostics).toEqual([]);
  });

  it("typechecks under strict settings with nodenext resolution", () => {
    expect(typecheck(result.files, "nodenext")).toEqual([]);
  });

  it("compiles every schema in ajv strict mode with ajv-formats and no warnings", () => {
    const schemas = result.files.filter((f) => f.path.endsWith(".schema.json"));
    expect(schemas).toHaveLength(14);
    for (const file of schemas) {
      const ajv = strictAjv();
      expect(() => ajv.compile(JSON.parse(file.contents) as object), file.path).not.toThrow();
      expect(ajvWarnings(ajv), file.path).toEqual([]);
    }
  });

  it("names every entity and its enums as exports", () => {
    const exports = result.documents.flatMap((d) => d.exports);
    for (const name of [
      "AgentState",
      "Run",
      "RunStatus",
      "RunStatusValues",
      "isRun",
      "assertMessage",
      "validateTool",
    ]) {
      expect(exports).toContain(name);
    }
  });
});
