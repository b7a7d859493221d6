/**
 * Enrich, step 1: load the source OpenAPI document (JSON or YAML; OpenAPI 3.0 or 3.1) once per run.
 * A spec that cannot be read, parsed or recognized is an error positioned in the spec itself; the run then
 * writes nothing, like any other bad input.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { type Diagnostic, DiagnosticSink, type Locator } from "../model/diagnostics.js";
import { isObject, type JsonObject, type JsonValue, readSource } from "../read/source.js";
import { readYaml } from "./yaml.js";
import { fileErrorReason } from "../model/file-errors.js";

export interface SpecDocument {
  /** The path as the caller gave it (shown in diagnostics and banners). */
  readonly file: string;
  /** `components.schemas`, by name. */
  readonly schemas: JsonObject;
  /** "3.0" reads `nullable` and boolean `exclusiveMinimum`; "3.1" is JSON Schema 2020-12. */
  readonly version: "3.0" | "3.1";
  readonly locate: Locator;
}

export interface LoadedSpec {
  readonly spec?: SpecDocument;
  /** The bytes read (absent when the file could not be read), for the output manifest. */
  readonly bytes?: Uint8Array;
  readonly diagnostics: readonly Diagnostic[];
}

/** Loads each spec once, by resolved path, however many inputs name it. */
export class SpecCache {
  private readonly loaded = new Map<string, Promise<LoadedSpec>>();

  load(file: string): Promise<LoadedSpec> {
    const key = resolve(file);
    const cached = this.loaded.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const loading = loadSpec(file);
    this.loaded.set(key, loading);
    return loading;
  }

  /** Every spec read, by absolute path, with its bytes (the pipeline orders them with the other sources). */
  async sources(): Promise<{ path: string; bytes: Uint8Array }[]> {
    const read = await Promise.all(
      [...this.loaded].map(async ([path, loading]) => ({ path, bytes: (await loading).bytes })),
    );
    return read.flatMap((r) => (r.bytes === undefined ? [] : [{ path: r.path, bytes: r.bytes }]));
  }
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  const sink = new DiagnosticSink(file);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    sink.errorAt(
      "SG_READ_FAILED",
      "",
      `cannot read the source spec (--source-spec): ${fileErrorReason(error)}`,
      {
        line: 1,
        column: 1,
      },
    );
    return { diagnostics: sink.items };
  }
  const source = isYamlPath(file) ? yamlSource(bytes, sink) : readSource(file, bytes, sink);
  if (source === undefined) {
    return { bytes, diagnostics: sink.items };
  }
  const spec = recognize(file, source, sink);
  return spec === undefined
    ? { bytes, diagnostics: sink.items }
    : { spec, bytes, diagnostics: sink.items };
}

function isYamlPath(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

function yamlSource(
  bytes: Uint8Array,
  sink: DiagnosticSink,
): { value: JsonValue; locate: Locator } | undefined {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    sink.errorAt("SG_INVALID_UTF8", "", "the source spec is not valid UTF-8 text", {
      line: 1,
      column: 1,
    });
    return undefined;
  }
  const source = readYaml(text, sink);
  if (source !== undefined) {
    sink.setLocator(source.locate);
  }
  return source;
}

/** An OpenAPI 3.x document with `components.schemas`; anything else is SG_SPEC_INVALID at its first problem. */
function recognize(
  file: string,
  source: { value: JsonValue; locate: Locator },
  sink: DiagnosticSink,
): SpecDocument | undefined {
  const { value, locate } = source;
  if (!isObject(value)) {
    sink.error(
      "SG_SPEC_INVALID",
      "",
      "the source spec must be an OpenAPI document (a JSON or YAML object)",
    );
    return undefined;
  }
  const openapi = value["openapi"];
  if (typeof openapi !== "string" || !/^3\.[01](\.|$)/.test(openapi)) {
    const got =
      openapi === undefined
        ? value["swagger"] === undefined
          ? "no openapi key"
          : "Swagger 2.0"
        : JSON.stringify(openapi);
    sink.error(
      "SG_SPEC_INVALID",
      openapi === undefined ? "" : "/openapi",
      `the source spec must be OpenAPI 3.0 or 3.1; found ${got}`,
    );
    return undefined;
  }
  const components = value["components"];
  const schemas = isObject(components) ? components["schemas"] : undefined;
  if (!isObject(schemas)) {
    sink.error(
      "SG_SPEC_INVALID",
      isObject(components) ? "/components" : "",
      "the source spec has no components.schemas object to read entities from",
    );
    return undefined;
  }
  return { file, schemas, version: openapi.startsWith("3.0") ? "3.0" : "3.1", locate };
}
