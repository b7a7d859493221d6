/** The README's options table is rendered from OPTION_TABLE, the same table that feeds the CLI flags. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { renderOptionsTable } from "../src/model/options.js";
import { REPO_ROOT } from "./helpers/fixtures.js";

it("README options table matches OPTION_TABLE", () => {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const section = /<!-- options-table:start -->\n([\s\S]*?)\n<!-- options-table:end -->/.exec(
    readme,
  )?.[1];
  expect(section).toBe(renderOptionsTable());
});
