/**
 * Issue 14's measures on another Node (`npm run bench -- --node <path>`): the same functions the suite measures
 * its own Node with, run on that executable, for the same corpus and sizes, so that the two columns of
 * targets.ts compare like with like.
 */
import type { Build } from "./build.ts";
import { type DerivedDocument, deriveDocuments, type Workspace } from "./corpus.ts";
import {
  benchCheck,
  benchCorpusCli,
  benchScalePoint,
  benchStartup,
  benchTypesOnly,
  type ScalePoint,
} from "./generation.ts";
import { benchGuardsOn } from "./guards.ts";
import { runNode } from "./spawn.ts";
import type { NodeFigures } from "./targets.ts";

/** Peak RSS added per 1,000 documents from one run's size to another's (start-up cancels out). */
export function rssAddedPer1000(
  from: Pick<ScalePoint, "documents" | "peakRssKiB">,
  to: Pick<ScalePoint, "documents" | "peakRssKiB">,
): number {
  return ((to.peakRssKiB - from.peakRssKiB) / 1024 / (to.documents - from.documents)) * 1000;
}

export interface NodeContext {
  readonly build: Build;
  readonly ws: Workspace;
  readonly docs: readonly DerivedDocument[];
  readonly bases: Parameters<typeof deriveDocuments>[1];
  readonly config: {
    readonly guardTimeMs: number;
    readonly guardWarmupMs: number;
    readonly corpusRuns: number;
    readonly corpusBudgetMs: number;
    readonly startupRuns: number;
    readonly checkRuns: number;
    readonly checkBudgetMs: number;
  };
  /** The two scaling sizes the suite's own Node had its RSS added per 1,000 documents from, and their time limit. */
  readonly rssSizes: readonly [number, number];
  readonly limit: number;
}

export async function measureNode(
  node: string,
  ctx: NodeContext,
  log: (message: string) => void,
): Promise<NodeFigures> {
  const { build, ws, docs, config } = ctx;
  const version = (await runNode("-p", ["process.version"], { cwd: ws.root, node })).stdout.trim();
  log(`Node ${version}: guards against ajv`);
  const guards = await benchGuardsOn(node, build, ws.path(`guards-${version}`), {
    timeMs: config.guardTimeMs,
    warmupMs: config.guardWarmupMs,
  });
  log(`Node ${version}: one document, ${config.startupRuns} run(s) per tool after a warm-up`);
  const oneDocument = await benchStartup(build, ws, config.startupRuns, guards.schemaPath, node);
  log(`Node ${version}: ${docs.length} documents, every output and --emit types`);
  const corpus = await benchCorpusCli(
    build,
    ws,
    docs,
    config.corpusRuns,
    config.corpusBudgetMs,
    node,
  );
  const limits = { maxRuns: config.corpusRuns, budgetMs: config.corpusBudgetMs };
  const typesOnly = await benchTypesOnly(build, ws, corpus, docs.length, limits, node);
  log(`Node ${version}: --check over ${docs.length} unchanged documents`);
  const check = await benchCheck(
    build,
    ws,
    corpus,
    { maxRuns: config.checkRuns, budgetMs: config.checkBudgetMs },
    node,
  );
  // The corpus runs' median where a size is the corpus's, else one run of that size.
  const point = async (size: number): Promise<Pick<ScalePoint, "documents" | "peakRssKiB">> => {
    if (size === docs.length) {
      return { documents: size, peakRssKiB: corpus.structgenRssKiB };
    }
    log(`Node ${version}: ${size} documents in one CLI run (peak RSS)`);
    return benchScalePoint(build, ws, deriveDocuments(size, ctx.bases), ctx.limit, node);
  };
  const from = await point(ctx.rssSizes[0]);
  const to = await point(ctx.rssSizes[1]);
  return {
    version,
    oneDocument,
    corpus: { documents: docs.length, ...corpus },
    typesOnly,
    checkMs: check.ms,
    guards: guards.timings,
    rss: { from: from.documents, to: to.documents, mibPer1000: rssAddedPer1000(from, to) },
  };
}
