/**
 * Bench corpora: N distinct flat documents derived from the 14 published Letta summaries. Document i takes
 * summary i mod 14, gets a unique `name` (`letta-run-00042`), `entity` (`RunN42`) and `title`, and its fields in
 * a permutation seeded by i. Corpora are written under os.tmpdir(), never into the project.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LETTA_CORPUS, SEED } from "./paths.ts";

export interface FlatSummary {
  readonly name: string;
  readonly entity: string;
  readonly title?: string;
  readonly fields: readonly unknown[];
  readonly [key: string]: unknown;
}

export interface BaseSummaries {
  /** Where they came from, for the report. */
  readonly source: string;
  readonly summaries: readonly FlatSummary[];
}

export interface DerivedDocument {
  /** File name inside the corpus folder. */
  readonly file: string;
  readonly text: string;
}

/** The Letta corpus when shared/ is beside the project, else the seed alone. */
export function loadBaseSummaries(): BaseSummaries {
  if (existsSync(LETTA_CORPUS)) {
    const files = readdirSync(LETTA_CORPUS)
      .filter((file) => file.endsWith(".json"))
      .sort();
    if (files.length > 0) {
      return {
        source: `${files.length} Letta summaries (shared/corpus/flat/letta)`,
        summaries: files.map(
          (file) => JSON.parse(readFileSync(join(LETTA_CORPUS, file), "utf8")) as FlatSummary,
        ),
      };
    }
  }
  return {
    source: "the seed only (shared/corpus/flat/letta not found)",
    summaries: [JSON.parse(readFileSync(SEED, "utf8")) as FlatSummary],
  };
}

/** mulberry32: a tiny seeded PRNG, so corpora are the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const next = random(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function deriveDocuments(
  count: number,
  bases: BaseSummaries = loadBaseSummaries(),
): DerivedDocument[] {
  const summaries = bases.summaries;
  return Array.from({ length: count }, (_, i) => {
    const base = summaries[i % summaries.length]!;
    const name = `${base.name}-${String(i).padStart(5, "0")}`;
    const doc: FlatSummary = {
      ...base,
      name,
      title: `${base.title ?? base.entity} (bench variant ${i})`,
      entity: `${base.entity}N${i}`,
      fields: shuffled(base.fields, i + 1),
    };
    return { file: `${name}.json`, text: `${JSON.stringify(doc, null, 2)}\n` };
  });
}

export function writeDocuments(dir: string, docs: readonly DerivedDocument[]): string[] {
  mkdirSync(dir, { recursive: true });
  return docs.map((doc) => {
    const path = join(dir, doc.file);
    writeFileSync(path, doc.text);
    return path;
  });
}

/** A temp folder for one bench run; `dispose()` removes it and everything generated in it. */
export interface Workspace {
  readonly root: string;
  path(...parts: string[]): string;
  dispose(): void;
}

export function createWorkspace(prefix = "structgen-bench-"): Workspace {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    root,
    path: (...parts) => join(root, ...parts),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}
