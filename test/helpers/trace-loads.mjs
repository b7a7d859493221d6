// Loaded with `node --import`: appends the URL of every module the process loads to the file named by
// STRUCTGEN_TRACE_LOADS, so a test can see which libraries a CLI run loaded (test/manifest.test.ts).
import { register } from "node:module";

register("./trace-loads-hooks.mjs", import.meta.url, { data: { file: process.env.STRUCTGEN_TRACE_LOADS } });
