/**
 * What a run keeps of its documents from their load to their turn to be emitted. A run that keeps its models
 * (the API's `generate`, which returns them) emits from them. One that does not keeps of each document only its
 * report, index entry, names and the hash of its bytes: the models go once the custom emitters (which see every
 * document at once) have run, and each document is loaded again when its turn comes, and must hash as it did.
 */
import type { Diagnostic } from "../model/diagnostics.js";
import type { ModelDocument } from "../model/model.js";
import type { ResolvedOptions } from "../model/options.js";
import {
  type DocumentReport,
  documentReport,
  type IndexEntry,
  indexEntry,
  type Placed,
} from "../emit/document.js";
import { SpecCache } from "../enrich/spec.js";
import type { InputDocument } from "../read/read.js";
import { type Hashed, sha256 } from "../write/manifest.js";
import type { DocumentNames } from "./cross-document-checks.js";
import type { RunIndex } from "../read/run-index.js";
import { type LoadedDocument, loadInputs, reloadModel } from "./load.js";

/** What the run keeps of one document besides what the load stage keeps (its input, names and hash). */
interface Kept {
  readonly report: DocumentReport;
  readonly entry: IndexEntry;
  /** Absent once the run has let the models go (or from the start, when nothing needs them before the emit). */
  readonly model: ModelDocument | undefined;
}

export interface LoadSettings {
  readonly resolved: ResolvedOptions;
  /** The folder the outputs are for (see bannerSource); none for outputs for no folder in particular. */
  readonly outDir: string | undefined;
  readonly keepModels: boolean;
  /** Whether anything needs every model at once before the emit (custom emitters). */
  readonly modelsBeforeEmit: boolean;
  readonly onRead: (done: number, total: number) => void;
}

/**
 * The load stage over every input: read -> detect -> parse -> normalize -> (enrich) (load.ts). A run that does not
 * keep its models reads each input itself, to hash the bytes it parses.
 */
export async function loadDocuments(inputs: readonly InputDocument[], settings: LoadSettings) {
  const { resolved, outDir, keepModels } = settings;
  const specs = new SpecCache();
  const loaded = await loadInputs(
    inputs,
    resolved,
    (model, subfolder): Kept => ({
      report: documentReport(model, subfolder, resolved),
      entry: indexEntry({ model, subfolder }, outDir),
      model: keepModels || settings.modelsBeforeEmit ? model : undefined,
    }),
    { onRead: settings.onRead, hashInputs: !keepModels, specs },
  );
  const imported = loaded.sources.map((s): Hashed => [s.path, sha256(s.bytes)]);
  return {
    documents: new RunDocuments(loaded.documents, settings, {
      specs,
      imported: new Map(imported),
      index: loaded.index,
    }),
    diagnostics: loaded.diagnostics,
    // A run that keeps no model keeps no imported file's bytes either: their hashes are enough to load again.
    sources: keepModels ? loaded.sources : [],
    hashes: [...loaded.inputs, ...imported],
  };
}

export class RunDocuments {
  private documents: readonly LoadedDocument<Kept>[];

  constructor(
    documents: readonly LoadedDocument<Kept>[],
    private readonly settings: LoadSettings,
    /**
     * To load a document again: the run's specs, the hash of every file its inputs imported, and the run's index
     * of documents (references between catalog files resolve through it).
     */
    private readonly reload: {
      readonly specs: SpecCache;
      readonly imported: ReadonlyMap<string, string>;
      readonly index: RunIndex;
    },
  ) {
    this.documents = documents;
  }

  get count(): number {
    return this.documents.length;
  }

  names(): DocumentNames[] {
    return this.documents.map((d) => d.names);
  }

  reports(): DocumentReport[] {
    return this.documents.map((d) => d.kept.report);
  }

  entries(): IndexEntry[] {
    return this.documents.map((d) => d.kept.entry);
  }

  /** The models, while the run has them (with their subfolders), for the custom emitters. */
  placed(): Placed[] {
    return this.documents.flatMap(({ kept, subfolder }) =>
      kept.model === undefined ? [] : [{ model: kept.model, subfolder }],
    );
  }

  /** The models, when the run keeps them (else none, even before they go). */
  models(): ModelDocument[] {
    return this.settings.keepModels ? this.placed().map((p) => p.model) : [];
  }

  /** Lets the models go, unless the run keeps them: from here on, each document is loaded again for its emit. */
  releaseModels(): void {
    if (!this.settings.keepModels) {
      this.documents = this.documents.map((d) => ({ ...d, kept: { ...d.kept, model: undefined } }));
    }
  }

  /** Document `index`'s model and output subfolder; a problem when it must be loaded again and has changed. */
  async model(index: number): Promise<Placed | { problem: Diagnostic }> {
    const document = this.documents[index] as LoadedDocument<Kept>;
    const { model } = document.kept;
    if (model !== undefined) {
      return { model, subfolder: document.subfolder };
    }
    const { specs, imported, index: runIndex } = this.reload;
    const loaded = await reloadModel(document, this.settings.resolved, specs, imported, runIndex);
    return "problem" in loaded ? loaded : { model: loaded.model, subfolder: document.subfolder };
  }
}
