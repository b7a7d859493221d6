/**
 * The 14 Letta flat summaries enriched from the OpenAPI spec they were made from
 * (../shared/corpus/letta/openapi.json): all generate in one run, typecheck under strict settings and compile in
 * ajv strict mode; the Run recovers its exact types; realistic Run payloads pass guard and ajv, and a wrong type in
 * any recovered field fails both. Skipped only when ../shared is not beside the project.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ModelDocument, TypeNode } from "../src/model/model.js";
import { generate, type GenerateResult } from "../src/pipeline/generate.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import {
  ajvWarnings,
  type GuardModule,
  loadGuards,
  strictAjv,
  typecheck,
} from "./helpers/outputs.js";

const SHARED = join(REPO_ROOT, "..", "shared", "corpus");
const CORPUS = join(SHARED, "flat", "letta");
const SPEC = join(SHARED, "letta", "openapi.json");
const available = existsSync(CORPUS) && existsSync(SPEC);

const STOP_REASONS = [
  "end_turn",
  "error",
  "llm_api_error",
  "invalid_llm_response",
  "invalid_tool_call",
  "max_steps",
  "max_tokens_exceeded",
  "no_tool_call",
  "tool_rule",
  "cancelled",
  "insufficient_credits",
  "requires_approval",
  "context_window_overflow_in_system_prompt",
];

/** Runs as the Letta server sends them: every optional field present, most of them null, or all filled in. */
const RUNNING = {
  id: "run-0c1d2e3f",
  status: "running",
  created_at: "2026-05-22T10:15:00.123456Z",
  completed_at: null,
  agent_id: "agent-7f3a9c2e-1b4d-4e8a-9c6f-2d5e8a1b3c4d",
  conversation_id: null,
  base_template_id: null,
  background: false,
  metadata: null,
  request_config: null,
  stop_reason: null,
  callback_url: null,
  callback_sent_at: null,
  callback_status_code: null,
  callback_error: null,
  ttft_ns: null,
  total_duration_ns: null,
};
const COMPLETED = {
  ...RUNNING,
  status: "completed",
  completed_at: "2026-05-22T10:15:04.5Z",
  conversation_id: "conv-12ab34cd",
  background: true,
  metadata: { source: "slack", attempt: 2, tags: ["a"] },
  request_config: {
    use_assistant_message: true,
    assistant_message_tool_name: "send_message",
    assistant_message_tool_kwarg: "message",
    include_return_message_types: ["assistant_message", "tool_call_message"],
  },
  stop_reason: "end_turn",
  callback_url: "https://example.com/hooks/letta",
  callback_sent_at: "2026-05-22T10:15:05+00:00",
  callback_status_code: 200,
  callback_error: null,
  ttft_ns: 412_000_000,
  total_duration_ns: 4_377_000_000_123,
};
const MINIMAL = { agent_id: "agent-1" };
const VALID = {
  RUNNING,
  COMPLETED,
  MINIMAL,
  noMessageTypes: { ...COMPLETED, request_config: { include_return_message_types: null } },
};

/** One wrong type in each recovered field (and the spec's closed object). */
const INVALID: Record<string, unknown> = {
  "completed_at number": { ...COMPLETED, completed_at: 1716372904 },
  "completed_at not a date-time": { ...COMPLETED, completed_at: "yesterday" },
  "conversation_id number": { ...RUNNING, conversation_id: 7 },
  "base_template_id boolean": { ...RUNNING, base_template_id: true },
  "background string": { ...RUNNING, background: "true" },
  "metadata string": { ...RUNNING, metadata: "{}" },
  "metadata array": { ...RUNNING, metadata: [] },
  "request_config string": { ...RUNNING, request_config: "default" },
  "request_config field wrong": { ...COMPLETED, request_config: { use_assistant_message: "yes" } },
  "request_config unknown message type": {
    ...COMPLETED,
    request_config: { include_return_message_types: ["shout"] },
  },
  "stop_reason not in enum": { ...COMPLETED, stop_reason: "incomplete_run" },
  "stop_reason number": { ...COMPLETED, stop_reason: 1 },
  "callback_url number": { ...RUNNING, callback_url: 404 },
  "callback_sent_at not a date-time": { ...COMPLETED, callback_sent_at: "2026-05-22" },
  "callback_status_code fraction": { ...COMPLETED, callback_status_code: 200.5 },
  "callback_status_code string": { ...COMPLETED, callback_status_code: "200" },
  "callback_error object": { ...COMPLETED, callback_error: { message: "x" } },
  "ttft_ns string": { ...COMPLETED, ttft_ns: "412000000" },
  "total_duration_ns fraction": { ...COMPLETED, total_duration_ns: 1.5 },
  "id not matching the pattern": { ...COMPLETED, id: "step-0c1d2e3f" },
  "an undeclared key (the spec closes Run)": { ...COMPLETED, extra: 1 },
};

describe.skipIf(!available)("the Letta summaries enriched from their OpenAPI spec", () => {
  let result: GenerateResult;
  let guards: GuardModule;

  beforeAll(async () => {
    const inputs = readdirSync(CORPUS)
      .filter((f) => f.endsWith(".json"))
      .sort()
      .map((f) => join(CORPUS, f));
    result = await generate({ inputs, outDir: REPO_ROOT }, { prettier: false, sourceSpec: SPEC });
    const guardFile = result.files.find((f) => f.path === "letta-run.guards.ts");
    guards = guardFile === undefined ? {} : await loadGuards(guardFile, result.files);
  });

  it("generates all 14 in one run, with no errors and no warnings (summaries and spec agree)", () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.documents).toHaveLength(14);
    expect(result.files).toHaveLength(14 * 3 + 2); // and index.ts, runtime.ts
  });

  it("typechecks under strict settings with nodenext resolution", () => {
    expect(typecheck(result.files, "nodenext")).toEqual([]);
  });

  it("compiles every schema in ajv strict mode with ajv-formats and no warnings", () => {
    for (const file of result.files.filter((f) => f.path.endsWith(".schema.json"))) {
      const ajv = strictAjv();
      expect(() => ajv.compile(JSON.parse(file.contents) as object), file.path).not.toThrow();
      expect(ajvWarnings(ajv), file.path).toEqual([]);
    }
  });

  it("recovers the Run's types: nullable date-time, nullable 13-value enum, nullable map, nullable named interface", () => {
    const run = result.models.find((m) => m.root === "Run") as ModelDocument;
    const field = (key: string) =>
      run.declarations[0]?.type.kind === "object"
        ? run.declarations[0].type.properties.find((p) => p.key === key)?.type
        : undefined;
    const nullable = (inner: TypeNode): TypeNode => ({
      kind: "union",
      members: [inner, { kind: "null" }],
    });
    expect(field("completed_at")).toEqual(nullable({ kind: "string", format: "date-time" }));
    expect(field("stop_reason")).toEqual(nullable({ kind: "ref", target: "RunStopReasonType" }));
    expect(run.declarations.find((d) => d.name === "RunStopReasonType")?.type).toEqual({
      kind: "literal",
      values: STOP_REASONS,
    });
    expect(field("metadata")).toEqual(nullable({ kind: "map", values: { kind: "any" } }));
    expect(field("request_config")).toEqual(
      nullable({ kind: "ref", target: "RunLettaRequestConfig" }),
    );
    expect(run.declarations.find((d) => d.name === "RunLettaRequestConfig")?.type.kind).toBe(
      "object",
    );
    const types = result.files.find((f) => f.path === "letta-run.types.ts")?.contents ?? "";
    expect(types).toContain("completed_at?: string | null;");
    expect(types).toContain("metadata?: { [key: string]: unknown } | null;");
    expect(types).toContain("request_config?: RunLettaRequestConfig | null;");
    expect(types).toContain("stop_reason?: RunStopReasonType | null;");
  });

  it("accepts realistic Run payloads, from the guard and ajv alike", () => {
    const ajv = strictAjv().compile(JSON.parse(schemaOf(result, "letta-run")) as object);
    for (const [name, value] of Object.entries(VALID)) {
      expect({ name, is: guards["isRun"]?.(value), ajv: ajv(value) }).toEqual({
        name,
        is: true,
        ajv: true,
      });
    }
  });

  it("rejects a wrong type in any recovered field, from the guard and ajv alike", () => {
    const ajv = strictAjv().compile(JSON.parse(schemaOf(result, "letta-run")) as object);
    for (const [name, value] of Object.entries(INVALID)) {
      expect({ name, is: guards["isRun"]?.(value), ajv: ajv(value) }).toEqual({
        name,
        is: false,
        ajv: false,
      });
    }
  });
});

function schemaOf(result: GenerateResult, base: string): string {
  return result.files.find((f) => f.path === `${base}.schema.json`)?.contents ?? "{}";
}
