/**
 * The project that the pre-commit hook tests commit in (the README's plain hook, the pre-commit framework,
 * husky + lint-staged): a structgen.config.json reading schemas/ into src/generated, with the seed as
 * schemas/run.json, and the edit a developer makes to it.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SEED } from "./cli.js";

/** Writes the config and the seed document into `dir`; the caller generates. */
export function writeHookProject(dir: string): void {
  writeFileSync(
    join(dir, "structgen.config.json"),
    `${JSON.stringify({ inputs: ["schemas"], out: "src/generated" }, null, 2)}\n`,
  );
  mkdirSync(join(dir, "schemas"));
  copyFileSync(SEED, join(dir, "schemas", "run.json"));
}

/** Adds a string field to the structure in `dir`, as a developer editing the schema would. */
export function editStructure(dir: string, field: string): void {
  const path = join(dir, "schemas", "run.json");
  const document = JSON.parse(readFileSync(path, "utf8")) as { fields: unknown[] };
  document.fields.push({
    name: field,
    type: "string",
    description: `Added by a hook test (${field}).`,
  });
  writeFileSync(path, `${JSON.stringify(document, null, 2)}\n`);
}
