// Loaded with `node --import` into a measured child process when /usr/bin/time is absent: on exit it writes
// the process's peak resident set size (KiB, from process.resourceUsage) to $STRUCTGEN_BENCH_RSS_FILE.
import { writeFileSync } from "node:fs";

const target = process.env.STRUCTGEN_BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
