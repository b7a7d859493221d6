/** The README's Turborepo recipe, under turbo itself (test/helpers/build-cache.ts runs the suite). */
import { execFileSync } from "node:child_process";
import { describeBuildCache } from "./helpers/build-cache.js";
import { NPM, readmeExample } from "./helpers/package.js";

/** turbo reads the workspace's package manager from package.json; this is the npm that installs it. */
const npmVersion = execFileSync(NPM, ["--version"], { encoding: "utf8" }).trim();

describeBuildCache({
  name: "turbo",
  version: "2.11.13",
  files: { "turbo.json": readmeExample("turbo-json") },
  rootPackage: { packageManager: `npm@${npmVersion}` },
  args: ["run", "generate"],
  env: (_workspace, server) => ({
    TURBO_API: server.url,
    TURBO_TOKEN: server.token,
    TURBO_TEAM: "team_structgen",
    TURBO_TELEMETRY_DISABLED: "1",
    TURBO_NO_UPDATE_NOTIFIER: "1",
    DO_NOT_TRACK: "1",
    NO_PROXY: "127.0.0.1",
  }),
  cached: (output) => /^Cached:\s+1 cached, 1 total$/m.test(output),
});
