/**
 * One writer per output folder at a time: `<out>/.structgen.lock`, created with O_CREAT|O_EXCL ("wx"), holds the
 * writer's pid, host and a random token. A run that finds the lock waits (polling, abortable) until it is released,
 * or until the holder has shown no progress for the timeout: the CLI holds the lock while it generates and stages
 * document after document, and touches the lock file as it goes (`HeldLock.touch`).
 * A lock whose pid is not running on this host is stale (its run was killed) and is broken, under a second
 * short-lived `.structgen.lock.break` file so that two waiting runs cannot both break it and then delete each
 * other's fresh lock. A lock from another host, or one that cannot be read, counts as stale only once it is
 * older than STALE_AFTER_MS.
 */
import { randomBytes } from "node:crypto";
import { lstat, open, readFile, rm, utimes } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { fileErrorReason } from "../model/file-errors.js";

export const LOCK_FILE = ".structgen.lock";
const BREAK_FILE = `${LOCK_FILE}.break`;
/** Age after which a lock that cannot be checked by pid (another host, unreadable) is taken as stale. */
const STALE_AFTER_MS = 10 * 60_000;
/** Age after which a `.break` file is taken as left over from a crash (breaking a lock takes milliseconds). */
const BREAK_STALE_AFTER_MS = 10_000;

export interface LockOptions {
  /** How long to wait for another run to finish writing, counted from its last sign of progress. @default 60000 */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface HeldLock {
  /** Removes the lock, if it is still this run's. Never throws. */
  release(): Promise<void>;
  /** Marks progress (the lock file's modification time), so that waiting runs keep waiting. Never throws. */
  touch(): Promise<void>;
}

interface LockContent {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

/** Takes the folder's lock, waiting for another writer if need be; `problem` says why it could not. */
export async function acquireLock(
  dir: string,
  options: LockOptions = {},
): Promise<{ lock: HeldLock } | { problem: string }> {
  const path = join(dir, LOCK_FILE);
  const content: LockContent = {
    pid: process.pid,
    host: hostname(),
    token: randomBytes(8).toString("hex"),
  };
  const text = `${JSON.stringify(content)}\n`;
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 60_000;
  let holder: LockContent | undefined;
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    const created = await createExclusive(path, text);
    if (created === true) {
      return {
        lock: {
          release: () => releaseIfOurs(path, content.token),
          touch: () => touchIfOurs(path, content.token),
        },
      };
    }
    if (created !== "exists") {
      return { problem: `cannot create the lock file ${path} (${created.failed})` };
    }
    const found = await inspect(path);
    if ("problem" in found) {
      return found;
    }
    holder = found.content;
    if (found.gone) {
      continue;
    }
    if (found.stale) {
      await breakStale(dir, found.text);
      continue;
    }
    // Waiting starts over whenever the holder touches the lock (a file time from the future counts as now).
    if (Date.now() >= Math.max(started, Math.min(found.touchedAt, Date.now())) + timeoutMs) {
      const who =
        holder === undefined
          ? "another structgen run"
          : `another structgen run (pid ${holder.pid} on ${holder.host})`;
      return {
        problem: `${who} is writing to ${dir}; gave up waiting. If no structgen run is active, delete ${path}`,
      };
    }
    await sleep(Math.min(25 * 2 ** Math.min(attempt, 4), 400), options.signal);
  }
}

/** true when created; "exists" when the file is already there; else `{ failed }` with the error code. */
async function createExclusive(
  path: string,
  text: string,
): Promise<true | "exists" | { readonly failed: string }> {
  try {
    const handle = await open(path, "wx");
    try {
      await handle.writeFile(text, "utf8");
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EEXIST"
      ? "exists"
      : { failed: fileErrorReason(error) };
  }
}

interface Found {
  readonly stale: boolean;
  /** The lock file's modification time: when it was taken or last touched. */
  readonly touchedAt: number;
  /** Released between our attempt and this look: try again at once. */
  readonly gone?: true;
  readonly text: string;
  readonly content?: LockContent;
}

async function inspect(path: string): Promise<Found | { problem: string }> {
  const info = await lstat(path).catch(() => undefined);
  if (info === undefined) {
    return { stale: false, gone: true, text: "", touchedAt: 0 };
  }
  if (!info.isFile()) {
    return { problem: `${path} is in the way and is not a structgen lock file; remove it` };
  }
  const text = await readFile(path, "utf8").catch(() => "");
  const content = parseLock(text);
  const age = Date.now() - info.mtimeMs;
  const touchedAt = info.mtimeMs;
  if (content === undefined || content.host !== hostname()) {
    return content === undefined
      ? { stale: age > BREAK_STALE_AFTER_MS, text, touchedAt }
      : { stale: age > STALE_AFTER_MS, text, content, touchedAt };
  }
  return { stale: !isRunning(content.pid), text, content, touchedAt };
}

function parseLock(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockContent>;
    return typeof value.pid === "number" &&
      typeof value.host === "string" &&
      typeof value.token === "string"
      ? { pid: value.pid, host: value.host, token: value.token }
      : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Deletes the lock only if it still holds `staleText`, while holding the break file. */
async function breakStale(dir: string, staleText: string): Promise<void> {
  const breakPath = join(dir, BREAK_FILE);
  const created = await createExclusive(breakPath, `${process.pid}\n`);
  if (created !== true) {
    const info = await lstat(breakPath).catch(() => undefined);
    if (info !== undefined && Date.now() - info.mtimeMs > BREAK_STALE_AFTER_MS) {
      await rm(breakPath, { force: true });
    }
    await sleep(10);
    return;
  }
  try {
    const lockPath = join(dir, LOCK_FILE);
    const now = await readFile(lockPath, "utf8").catch(() => undefined);
    if (now === staleText) {
      await rm(lockPath, { force: true });
    }
  } finally {
    await rm(breakPath, { force: true });
  }
}

async function releaseIfOurs(path: string, token: string): Promise<void> {
  const content = parseLock(await readFile(path, "utf8").catch(() => ""));
  if (content?.token === token) {
    await rm(path, { force: true }).catch(() => undefined);
  }
}

async function touchIfOurs(path: string, token: string): Promise<void> {
  const content = parseLock(await readFile(path, "utf8").catch(() => ""));
  if (content?.token === token) {
    const now = new Date();
    await utimes(path, now, now).catch(() => undefined);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener("abort", abort);
      resolve();
    }
    function abort(): void {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
    }
    signal?.addEventListener("abort", abort, { once: true });
  });
}
