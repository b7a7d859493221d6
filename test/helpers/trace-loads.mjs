// Loaded with `node --import`: appends the URL of every module the process loads to the file named by
// STRUCTGEN_TRACE_LOADS, so a test can see which libraries a CLI run loaded (test/manifest.process.test.ts). ES modules are
// seen by the loader hooks as they load; CommonJS modules that require() loads (ts-morph, through src/ts-morph.ts)
// never pass the hooks, so they are read from the require cache when the process exits.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";
import { pathToFileURL } from "node:url";

const file = process.env.STRUCTGEN_TRACE_LOADS;
register("./trace-loads-hooks.mjs", import.meta.url, { data: { file } });

const require = createRequire(import.meta.url);
process.on("exit", () => {
  const urls = Object.keys(require.cache).map((path) => pathToFileURL(path).href);
  appendFileSync(file, urls.map((url) => `${url}\n`).join(""));
});
