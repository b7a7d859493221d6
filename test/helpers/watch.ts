/** A project for the --watch tests, and edits saved to it as an editor saves them. */
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SEED, tempCwd } from "./cli.js";

/** A temp working folder: the seed as schemas/run.json, and a config naming schemas/ and gen/. */
export function watchProject(): string {
  const cwd = tempCwd("structgen-watch-");
  mkdirSync(join(cwd, "schemas"));
  copyFileSync(SEED, join(cwd, "schemas", "run.json"));
  writeFileSync(
    join(cwd, "structgen.config.json"),
    JSON.stringify({ inputs: ["schemas"], out: "gen" }),
  );
  return cwd;
}

/**
 * The seed with extra string fields, saved as many editors save: a whole new file renamed over the old one. (Written
 * in place, a watcher could read it between the truncation and the write when the test process is paused that long,
 * and report a run on an empty file.)
 */
export function writeRun(cwd: string, extraFields: readonly string[]): void {
  const document = JSON.parse(readFileSync(SEED, "utf8")) as { fields: unknown[] };
  document.fields.push(...extraFields.map((name) => ({ name, type: "string" })));
  const file = join(cwd, "schemas", "run.json");
  writeFileSync(`${file}.saving`, `${JSON.stringify(document, null, 2)}\n`);
  renameSync(`${file}.saving`, file);
}
