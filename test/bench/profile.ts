/**
 * CPU profile of one structgen CLI run (node --cpu-prof), summarized: self time by package, and the functions
 * with the most self and inclusive time. `npm run bench -- --profile [--node <path>]` profiles one document (on
 * each Node); other runs by hand:
 *
 *   npm run build && node --import ./test/bench/register.mjs test/bench/profile.ts [generate|check|one] [documents]
 *
 * `generate`: one run over N fresh documents (default 500); `check`: `--check` over N unchanged documents;
 * `one`: one run on the seed.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { createWorkspace, deriveDocuments, writeDocuments } from "./corpus.ts";
import { snapshotBuild } from "./build.ts";
import { SEED } from "./paths.ts";
import { runNode } from "./spawn.ts";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileSummary {
  readonly totalMs: number;
  /** Self time by package (adds up to the total). */
  readonly byPackage: readonly { name: string; ms: number }[];
  /** Time with at least one frame of the package on the stack (overlapping). */
  readonly byPackageInclusive: readonly { name: string; ms: number }[];
  readonly selfTop: readonly { name: string; ms: number }[];
  /** structgen's own functions, inclusive time: which pipeline stage the time is spent under. */
  readonly structgenInclusive: readonly { name: string; ms: number }[];
}

/** Where structgen's own files are (the bench's copy of the build). */
let structgenRoot = "";

function where(url: string): string {
  if (url === "") {
    return "(native/VM)";
  }
  if (url.startsWith("node:")) {
    return "node internals";
  }
  const path = url.replace(/^file:\/\//, "");
  const nm = path.lastIndexOf(`node_modules${sep}`);
  if (nm >= 0) {
    const rest = path.slice(nm + "node_modules/".length).split(sep);
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? "?");
  }
  if (structgenRoot !== "" && path.startsWith(structgenRoot)) {
    return `structgen ${path.slice(structgenRoot.length).split(sep).slice(0, 2).join("/")}`;
  }
  return path;
}

function label(frame: CallFrame): string {
  const path = frame.url.replace(/^file:\/\//, "");
  const short =
    structgenRoot !== "" && path.startsWith(structgenRoot)
      ? path.slice(structgenRoot.length)
      : path.includes("node_modules/")
        ? path.slice(path.lastIndexOf("node_modules/") + 13)
        : path;
  return `${frame.functionName || "(anonymous)"} ${short === "" ? "" : `(${short}:${frame.lineNumber + 1})`}`.trim();
}

export function summarize(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) {
      parent.set(child, node.id);
    }
  }
  const self = new Map<string, number>();
  const ownInclusive = new Map<string, number>();
  const packages = new Map<string, number>();
  const packagesInclusive = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number): void => {
    map.set(key, (map.get(key) ?? 0) + ms);
  };
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const node = byId.get(id);
    if (node === undefined) {
      return;
    }
    add(self, label(node.callFrame), ms);
    const fn = node.callFrame.functionName;
    add(
      packages,
      fn === "(garbage collector)" || fn === "(idle)" || fn === "(program)"
        ? fn
        : where(node.callFrame.url),
      ms,
    );
    const seenFunctions = new Set<string>();
    const seenPackages = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const frame = byId.get(cur)?.callFrame;
      if (frame === undefined || frame.functionName === "(root)" || frame.url === "") {
        continue;
      }
      const pkg = where(frame.url);
      if (!seenPackages.has(pkg)) {
        seenPackages.add(pkg);
        add(packagesInclusive, pkg, ms);
      }
      if (pkg.startsWith("structgen ")) {
        const key = label(frame);
        if (!seenFunctions.has(key)) {
          seenFunctions.add(key);
          add(ownInclusive, key, ms);
        }
      }
    }
  });
  const sorted = (m: Map<string, number>, n: number): { name: string; ms: number }[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms }));
  return {
    totalMs: total,
    byPackage: sorted(packages, 12),
    byPackageInclusive: sorted(packagesInclusive, 8),
    selfTop: sorted(self, top),
    structgenInclusive: sorted(ownInclusive, top),
  };
}

export function renderSummary(title: string, s: ProfileSummary): string {
  const pct = (ms: number): string => `${((100 * ms) / s.totalMs).toFixed(1)} %`;
  const table = (head: string, rows: readonly { name: string; ms: number }[]): string[] => [
    `| ${head} | ms | share |`,
    "|---|---:|---:|",
    ...rows.map((r) => `| ${r.name.replace(/\|/g, "\\|")} | ${r.ms.toFixed(0)} | ${pct(r.ms)} |`),
  ];
  return [
    `### CPU profile: ${title} (${s.totalMs.toFixed(0)} ms sampled)`,
    "",
    ...table("self time by package", s.byPackage),
    "",
    ...table("package on the stack (inclusive, overlapping)", s.byPackageInclusive),
    "",
    ...table("function (self time)", s.selfTop),
    "",
    ...table("structgen function (inclusive time)", s.structgenInclusive),
  ].join("\n");
}

/**
 * Profiles one CLI run and returns the summary as Markdown. `one`: the seed, into a fresh folder, after a warm-up
 * run (so a Node with a compile cache uses structgen's, as the one-document target measures it); `generate`: N
 * fresh documents; `check`: `--check` over N unchanged documents. On `node` when given.
 */
export async function profileRun(mode: string, count: number, node?: string): Promise<string> {
  const ws = createWorkspace("structgen-profile-");
  const nodeOption = node === undefined ? {} : { node };
  try {
    const build = await snapshotBuild(ws);
    structgenRoot = `${build.root}${sep}`;
    const profDir = ws.path("profiles");
    mkdirSync(profDir);
    let args: string[];
    let title: string;
    if (mode === "one") {
      const dir = ws.path("one");
      mkdirSync(dir);
      copyFileSync(SEED, join(dir, "letta-run.json"));
      await runNode(build.bin, ["generate", dir, "--out", ws.path("warm-up"), "--quiet"], {
        cwd: ws.root,
        ...nodeOption,
      });
      args = ["generate", dir, "--out", ws.path("out"), "--quiet"];
      title = "`structgen generate` on one document, after a warm-up run";
    } else {
      const docsDir = ws.path("docs");
      writeDocuments(docsDir, deriveDocuments(count));
      args = ["generate", docsDir, "--out", ws.path("out"), "--quiet"];
      title = `\`structgen generate\` over ${count} documents`;
      if (mode === "check") {
        await runNode(build.bin, args, { cwd: ws.root, ...nodeOption });
        args = [...args, "--check"];
        title = `\`structgen generate --check\` over ${count} unchanged documents`;
      }
    }
    const version = (
      await runNode("-p", ["process.version"], { cwd: ws.root, ...nodeOption })
    ).stdout.trim();
    const run = await runNode(build.bin, args, {
      cwd: ws.root,
      nodeFlags: ["--cpu-prof", "--cpu-prof-dir", profDir],
      ...nodeOption,
    });
    const file = readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
    if (file === undefined) {
      throw new Error("no .cpuprofile written");
    }
    const profile = JSON.parse(readFileSync(join(profDir, file), "utf8")) as CpuProfile;
    return renderSummary(
      `${title}, Node ${version}, wall ${run.wallMs.toFixed(0)} ms`,
      summarize(profile),
    );
  } finally {
    ws.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const summary = await profileRun(process.argv[2] ?? "generate", Number(process.argv[3] ?? 500));
  process.stdout.write(`${summary}\n`);
}
