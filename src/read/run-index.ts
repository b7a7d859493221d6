/**
 * The index of a run's documents, built from their raw JSON before any of them is normalized: the catalog reading
 * resolves a reference that its own document does not declare against the other documents of the run (by `$id`,
 * by file name, or by the name of their root type), and gives two catalog documents that claim the same root name
 * names from their files instead. A pipeline builds it once per run (`indexRun`) and passes it to `normalize`.
 *
 * Only a run with at least one catalog document keeps anything: for flat summaries and strict Core the index is
 * empty, so their runs hold no more than before.
 */
import { readFile } from "node:fs/promises";
import { DiagnosticSink } from "../model/diagnostics.js";
import type { DialectChoice } from "../model/options.js";
import { compareCodeUnits } from "../model/order.js";
import { documentId, documentTypeName, fileTypeName } from "./catalog/names.js";
import { type Dialect, detectDialect } from "./detect.js";
import { isObject, type JsonObject, type JsonValue, MAX_DEPTH } from "./source.js";

export interface IndexedDocument {
  /** The input path, as the run names it. */
  readonly file: string;
  readonly document: JsonObject;
  readonly dialect: Dialect;
  /** The root type name the catalog reading gives it on its own (before any clash with another document). */
  readonly typeName?: string;
}

/** A document's root name in the run: its own, or its file's when other catalog documents claim the same. */
export interface RunRootName {
  readonly name: string;
  /** The other documents that claim the same root name, when the file name was used instead. */
  readonly sharedWith?: readonly string[];
}

export class RunIndex {
  static readonly EMPTY = new RunIndex([]);

  private readonly byTypeName = new Map<string, IndexedDocument[]>();
  private readonly byId = new Map<string, IndexedDocument>();
  private readonly byBaseName = new Map<string, IndexedDocument[]>();
  private readonly rootNames = new Map<string, RunRootName>();

  /** `documents` in any order: lookups that find several answer in code-unit order of their paths. */
  constructor(documents: readonly IndexedDocument[]) {
    const sorted = [...documents].sort((a, b) => compareCodeUnits(a.file, b.file));
    for (const entry of sorted) {
      push(this.byBaseName, baseName(entry.file), entry);
      if (entry.typeName !== undefined) {
        push(this.byTypeName, entry.typeName, entry);
      }
      const id = documentId(entry.document);
      if (id !== undefined && !this.byId.has(id)) {
        this.byId.set(id, entry);
      }
    }
    // Only catalog documents give way: a flat summary's or a Core document's names are what their dialect says.
    for (const [name, claimants] of this.byTypeName) {
      for (const entry of claimants.filter((c) => c.dialect === "catalog")) {
        const others = claimants.filter((c) => c !== entry).map((c) => c.file);
        const own = others.length === 0 ? undefined : fileTypeName(entry.file);
        this.rootNames.set(
          entry.file,
          own === undefined ? { name } : { name: own, sharedWith: others },
        );
      }
    }
  }

  /** The run's documents whose root type has this name, in path order. */
  withTypeName(name: string): readonly IndexedDocument[] {
    return this.byTypeName.get(name) ?? [];
  }

  /** The document an absolute or relative URI names: by `$id`, else by the last segment of its path. */
  withUri(uri: string): { readonly entry: IndexedDocument; readonly byId: boolean } | undefined {
    const exact = this.byId.get(uri);
    if (exact !== undefined) {
      return { entry: exact, byId: true };
    }
    const last = uri.split(/[?#]/)[0]?.split("/").pop() ?? "";
    const entry = last === "" ? undefined : this.byBaseName.get(last)?.[0];
    return entry === undefined ? undefined : { entry, byId: false };
  }

  /** The root name of a catalog document of this run (undefined when the run does not hold it). */
  rootNameOf(file: string): RunRootName | undefined {
    return this.rootNames.get(file);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) {
    map.set(key, [value]);
  } else {
    list.push(value);
  }
}

function baseName(file: string): string {
  return file.split(/[/\\]/).pop() ?? file;
}

/** Indexes documents already read (the API, tests); `dialect` as the run's `--dialect` says. */
export function indexDocuments(
  documents: readonly { readonly file: string; readonly value: JsonValue }[],
  choice: DialectChoice = "auto",
): RunIndex {
  const entries = documents.flatMap(({ file, value }): IndexedDocument[] => {
    // Detection notes and errors are the document's own reading's to report; here they are dropped.
    const detected = detectDialect(value, new DiagnosticSink(file), choice);
    if (detected === undefined || tooDeep(detected.document)) {
      return [];
    }
    const named = documentTypeName(detected.document, file);
    return [
      {
        file,
        document: detected.document,
        dialect: detected.dialect,
        ...(named === undefined ? {} : { typeName: named.name }),
      },
    ];
  });
  return entries.some((e) => e.dialect === "catalog") ? new RunIndex(entries) : RunIndex.EMPTY;
}

/**
 * Reads every input (its `contents`, or the file) and indexes those that are JSON objects. Unreadable or
 * malformed inputs are left out: their own reading reports them.
 */
export async function indexRun(
  inputs: readonly { readonly path: string; readonly contents?: Uint8Array | string }[],
  choice: DialectChoice = "auto",
): Promise<RunIndex> {
  const documents: { file: string; value: JsonValue }[] = [];
  for (let start = 0; start < inputs.length; start += READ_BATCH) {
    const batch = inputs.slice(start, start + READ_BATCH);
    const read = await Promise.all(batch.map((input) => jsonOf(input)));
    read.forEach((value, i) => {
      const input = batch[i];
      if (value !== undefined && input !== undefined) {
        documents.push({ file: input.path, value });
      }
    });
  }
  return indexDocuments(documents, choice);
}

/** How many inputs are read at once while indexing. */
const READ_BATCH = 16;

async function jsonOf(input: {
  readonly path: string;
  readonly contents?: Uint8Array | string;
}): Promise<JsonValue | undefined> {
  try {
    const raw = input.contents ?? (await readFile(input.path));
    const text =
      typeof raw === "string" ? raw : new TextDecoder("utf-8", { fatal: true }).decode(raw);
    const value = JSON.parse(text.replace(/^\uFEFF/, "")) as JsonValue;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Deeper than the reader accepts (readSource refuses it): never walked, so never indexed. */
function tooDeep(value: JsonValue): boolean {
  const stack: { value: JsonValue; depth: number }[] = [{ value, depth: 1 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next.depth > MAX_DEPTH) {
      return true;
    }
    const children = Array.isArray(next.value)
      ? next.value
      : isObject(next.value)
        ? Object.values(next.value)
        : [];
    for (const child of children) {
      stack.push({ value: child as JsonValue, depth: next.depth + 1 });
    }
  }
  return false;
}
