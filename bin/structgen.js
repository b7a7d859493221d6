#!/usr/bin/env node
// The bin is a shim: all logic lives in dist/cli/main.js (built by `npm ci` through the prepare script). It hands
// the CLI this process's working folder, streams and environment; without a `signal`, SIGINT and SIGTERM stop a run.
import nodeModule from "node:module";

// Node 22.1+ keeps V8's compiled code on disk, so later runs skip most of compiling the TypeScript compiler that
// ts-morph loads. Node 20 has no enableCompileCache (skipped). Called with no directory, as Node recommends: its
// default (the OS temp folder, one subfolder per Node version and user) holds nothing but that cache, and
// NODE_COMPILE_CACHE and NODE_DISABLE_COMPILE_CACHE keep working. Node reports a cache it cannot use in the
// return value rather than throwing; the try covers the rest, since a cache must never fail a run.
try {
  nodeModule.enableCompileCache?.();
} catch {
  // Run without the cache.
}

// Imported only now: a static import would load dist/ (hoisted) before the cache is on.
const { main } = await import("../dist/cli/main.js");
process.exitCode = await main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
