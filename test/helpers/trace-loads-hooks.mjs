// Module hooks for trace-loads.mjs: records each loaded URL, then loads it as usual.
import { appendFileSync } from "node:fs";

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, next) {
  if (file !== undefined) {
    appendFileSync(file, `${url}\n`);
  }
  return next(url, context);
}
