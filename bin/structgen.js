#!/usr/bin/env node
// The bin is a shim: all logic lives in dist/cli/main.js (built by `npm ci` through the prepare script).
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
