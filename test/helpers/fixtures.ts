/**
 * Walks the golden cases: fixtures/<dialect>/<case>/{input*.json, options.json?, expected/, samples/}. A case
 * with several inputs (fixtures/catalog/ references between documents) is one run; samples check the first.
 * fixtures/enrich/ holds flat summaries with their source spec beside them; `sourceSpec` in options.json is
 * relative to the case folder, as it would be in a config file there.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Options } from "../../src/model/options.js";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface GoldenCase {
  readonly name: string;
  /** Repo-relative path of the case folder, with forward slashes. */
  readonly dir: string;
  /** Repo-relative input paths (usually one). */
  readonly inputs: readonly string[];
  readonly options: Options;
  readonly validSamples: readonly Sample[];
  readonly invalidSamples: readonly Sample[];
}

export interface Sample {
  readonly name: string;
  readonly value: unknown;
}

function samplesIn(dir: string): Sample[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({
      name: file,
      value: JSON.parse(readFileSync(join(dir, file), "utf8")) as unknown,
    }));
}

export function goldenCases(dialect: "flat" | "core" | "enrich" | "catalog"): GoldenCase[] {
  const base = join(REPO_ROOT, "fixtures", dialect);
  if (!existsSync(base)) {
    return [];
  }
  return readdirSync(base)
    .sort()
    .map((name) => {
      const dir = `fixtures/${dialect}/${name}`;
      const abs = join(REPO_ROOT, dir);
      const inputs = readdirSync(abs)
        .filter((file) => /^input.*\.json$/.test(file))
        .sort()
        .map((file) => `${dir}/${file}`);
      const optionsPath = join(abs, "options.json");
      const given = existsSync(optionsPath)
        ? (JSON.parse(readFileSync(optionsPath, "utf8")) as Options)
        : {};
      const options =
        given.sourceSpec === undefined
          ? given
          : { ...given, sourceSpec: join(abs, given.sourceSpec) };
      return {
        name,
        dir,
        inputs,
        options,
        validSamples: samplesIn(join(abs, "samples", "valid")),
        invalidSamples: samplesIn(join(abs, "samples", "invalid")),
      };
    });
}
