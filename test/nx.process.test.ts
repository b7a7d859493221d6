/** The README's Nx recipe, under nx itself (test/helpers/build-cache.ts runs the suite). */
import { join } from "node:path";
import { describeBuildCache } from "./helpers/build-cache.js";
import { readmeExample } from "./helpers/package.js";

describeBuildCache({
  name: "nx",
  version: "24.0.7",
  files: { "nx.json": readmeExample("nx-json") },
  rootPackage: {},
  args: ["run-many", "-t", "generate"],
  env: (workspace, server) => ({
    NX_SELF_HOSTED_REMOTE_CACHE_SERVER: server.url,
    NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: server.token,
    // Nx keeps its local cache under the home folder unless told; this one belongs to the workspace.
    NX_CACHE_DIRECTORY: join(workspace, ".nx", "cache"),
    NX_DAEMON: "false",
    NX_NO_CLOUD: "true",
    NX_TUI: "false",
    NO_PROXY: "127.0.0.1",
  }),
  cached: (output) => /^\s*Cache:\s+1\/1 hit/m.test(output),
});
