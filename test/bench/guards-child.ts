/**
 * The guard benchmark (guards.ts) in a process of its own, on whichever Node runs it: `npm run bench` runs it on
 * each Node it compares, so that both are measured the same way. Prints the timings and the seed schema's path as
 * JSON on stdout.
 *
 *   node --import ./test/bench/register.mjs test/bench/guards-child.ts <structgen copy> <dir> <timeMs> <warmupMs>
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { StructgenApi } from "./build.ts";
import { benchGuards, loadGuardSubjects } from "./guards.ts";

const [root = "", dir = "", timeMs = "", warmupMs = ""] = process.argv.slice(2);
const api = (await import(pathToFileURL(join(root, "dist", "index.js")).href)) as StructgenApi;
const seed = await loadGuardSubjects({ root, bin: join(root, "bin", "structgen.js"), api }, dir);
const timings = await benchGuards(seed.subjects, {
  timeMs: Number(timeMs),
  warmupMs: Number(warmupMs),
});
process.stdout.write(JSON.stringify({ timings, schemaPath: seed.schemaPath }));
