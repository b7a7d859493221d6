/**
 * `structgen generate --watch`: one run, then a run after every burst of changes to an input or the config
 * file (debounced, one run at a time). A run with errors prints them and writes nothing, so the last good
 * outputs stay. Ctrl-C (the `stop` signal) closes the watchers, lets a write in progress abort cleanly (previous
 * outputs intact), and ends with exit code 0. The runs share one Toolchain: the compiler and the formatter are
 * loaded once, after the first run, and stay loaded.
 */
import { type FSWatcher, statSync, watch } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { isDynamicPattern } from "tinyglobby";
import { globBase } from "../pipeline/inputs.js";
import { runGenerate } from "./generate-command.js";
import type { Reporter } from "./report.js";
import type { RunSettings } from "./settings.js";
import { Toolchain } from "./toolchain.js";

export const DEBOUNCE_MS = 100;

interface Target {
  readonly dir: string;
  readonly recursive: boolean;
}

/** Runs until `stop` aborts. `load` re-reads the config before each run, so config edits apply too. */
export async function runWatch(
  load: () => Promise<RunSettings>,
  reporter: Reporter,
  stop: AbortSignal,
  toolchain: Toolchain = new Toolchain(),
): Promise<number> {
  let settings = await load();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const run = async (): Promise<void> => {
    try {
      settings = await load();
    } catch (error) {
      reporter.info(`structgen: ${(error as Error).message}; keeping the previous settings`);
    }
    const code = await runGenerate(
      settings,
      { check: false, force: false, signal: stop },
      reporter,
      toolchain,
    ).catch((error: unknown) => {
      // A bug must not end the watch: one line, and the outputs of the last good run stay.
      reporter.problems([
        `structgen: internal error: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
      ]);
      return 1;
    });
    if (code !== 0 && !stop.aborted) {
      reporter.info(
        `structgen: kept the last good outputs in ${settings.out}; watching for the next change`,
      );
    }
  };
  const trigger = (): void => {
    if (running !== undefined) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = undefined;
      if (again && !stop.aborted) {
        again = false;
        schedule();
      }
    });
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(trigger, DEBOUNCE_MS);
  };

  // Watching starts before the first run, so that an edit saved while it runs is not missed: it schedules the next.
  const out = resolve(settings.cwd, settings.out);
  const watchers = targets(settings).flatMap((target) => {
    const watcher = startWatcher(target, (path) => {
      if (path === undefined || (isRelevant(path, settings) && !isInside(out, path))) {
        schedule();
      }
    });
    return watcher === undefined ? [] : [watcher];
  });
  trigger();
  await running;
  // One process for every run: the compiler and the formatter are loaded and set up now, while waiting for an edit
  // (the first run may have been answered from the manifest without them), and stay loaded.
  void toolchain.load({ outDir: settings.out, format: settings.options.prettier !== false });
  reporter.info(
    `structgen: watching ${watchers.length} folder${watchers.length === 1 ? "" : "s"} for changes; press Ctrl-C to stop`,
  );
  if (!stop.aborted) {
    await new Promise((done) => stop.addEventListener("abort", done, { once: true }));
  }
  clearTimeout(timer);
  watchers.forEach((watcher) => watcher.close());
  await running;
  reporter.info("structgen: stopped watching");
  return 0;
}

function startWatcher(
  target: Target,
  onChange: (path: string | undefined) => void,
): FSWatcher | undefined {
  try {
    const watcher = watch(target.dir, { recursive: target.recursive }, (_event, name) => {
      onChange(name === null ? undefined : join(target.dir, name.toString()));
    });
    watcher.on("error", () => watcher.close());
    return watcher;
  } catch {
    return undefined;
  }
}

/**
 * The folders to watch: a file's folder, a folder itself, a glob's base (recursively), the config's folder, and the
 * source spec's folder (a spec edit changes every enriched output).
 */
function targets(settings: RunSettings): Target[] {
  const found: Target[] = settings.patterns.map((pattern) => {
    const path = resolve(settings.cwd, pattern);
    const info = statSync(path, { throwIfNoEntry: false });
    if (info === undefined && isDynamicPattern(pattern)) {
      return { dir: resolve(settings.cwd, globBase(pattern)), recursive: true };
    }
    return info?.isDirectory()
      ? { dir: path, recursive: false }
      : { dir: dirname(path), recursive: false };
  });
  if (settings.configFile !== undefined) {
    found.push({ dir: dirname(settings.configFile), recursive: false });
  }
  if (settings.options.sourceSpec !== undefined) {
    found.push({
      dir: dirname(resolve(settings.cwd, settings.options.sourceSpec)),
      recursive: false,
    });
  }
  const merged = new Map<string, boolean>();
  for (const target of found) {
    merged.set(target.dir, (merged.get(target.dir) ?? false) || target.recursive);
  }
  return [...merged].map(([dir, recursive]) => ({ dir, recursive }));
}

function isRelevant(path: string, settings: RunSettings): boolean {
  const spec =
    settings.options.sourceSpec === undefined
      ? undefined
      : resolve(settings.cwd, settings.options.sourceSpec);
  return path.endsWith(".json") || path === settings.configFile || path === spec;
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return (
    rel === "" ||
    (!rel.startsWith(`..${sep}`) && rel !== ".." && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel))
  );
}
