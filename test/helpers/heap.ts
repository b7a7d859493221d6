/**
 * Live heap, measured after full garbage collections, for tests that compare what stays reachable. Vitest runs
 * tests without --expose-gc; the flag can still be set at run time, and a fresh context then has `gc`.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Bytes of live JavaScript heap, after collecting everything unreachable. */
export function liveHeapBytes(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}
