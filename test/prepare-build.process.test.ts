/**
 * The build `prepare` runs (bin/build.js: ts-morph's TypeScript compiler, no dev dependency) against the one
 * developers run (tsc): the same dist/, byte for byte. And a clone installed without dev dependencies, as an install
 * from git can be, builds itself, then packs as the pre-commit framework reads it: `npm pack` prints the tarball's
 * name and nothing else on standard output.
 */
import { appendFileSync, cpSync, existsSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "./helpers/cli.js";
import { REPO_ROOT } from "./helpers/fixtures.js";
import { git, snapshotRepository } from "./helpers/git.js";
import { NPM, removeProjects, run, tempFolder } from "./helpers/package.js";

const TSC = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
const BUILD = join(REPO_ROOT, "bin", "build.js");

/** tsc's build of this checkout, into a temp folder. */
let tscDist: string;
let builds: string;

afterAll(removeProjects);

beforeAll(async () => {
  builds = tempFolder("structgen-builds-");
  tscDist = join(builds, "tsc");
  const built = await run(process.execPath, [TSC, "-p", "tsconfig.json", "--outDir", tscDist], {
    cwd: REPO_ROOT,
  });
  expect(built.code, built.stdout + built.stderr).toBe(0);
}, 180_000);

/** Files of `dir` whose bytes differ from the same file under `reference`. */
function differing(dir: string, reference: string, files: readonly string[]): string[] {
  return files.filter(
    (file) => !readFileSync(join(dir, file)).equals(readFileSync(join(reference, file))),
  );
}

describe("bin/build.js, the build that prepare runs", () => {
  it("emits the same dist/ as tsc: every .js, .d.ts and source map, byte for byte", async () => {
    // A sibling of tsc's folder, so the source maps' relative paths to src/ are the same.
    const prepareDist = join(builds, "prepare");
    const built = await run(process.execPath, [BUILD, "--outDir", prepareDist], { cwd: REPO_ROOT });
    expect(built.code, built.stderr).toBe(0);
    expect(built.stdout + built.stderr).toBe("");
    const files = listFiles(tscDist);
    expect(files).toContain("cli/main.js");
    expect(files).toContain("index.d.ts");
    expect(files).toContain("index.js.map");
    expect(listFiles(prepareDist)).toEqual(files);
    expect(differing(prepareDist, tscDist, files)).toEqual([]);
  }, 180_000);

  it("fails on a syntax error, naming the file", async () => {
    const copy = tempFolder("structgen-broken-");
    for (const path of ["src", "tsconfig.json", join("bin", "build.js")]) {
      cpSync(join(REPO_ROOT, path), join(copy, path), { recursive: true });
    }
    symlinkSync(join(REPO_ROOT, "node_modules"), join(copy, "node_modules"), "dir");
    appendFileSync(join(copy, "src", "index.ts"), "\nexport const broken = ;\n");
    const built = await run(process.execPath, [join(copy, "bin", "build.js")], { cwd: copy });
    expect(built.code).toBe(1);
    expect(built.stderr).toMatch(
      /^src\/index\.ts\(\d+,\d+\): error TS1109: Expression expected\.$/m,
    );
    expect(existsSync(join(copy, "dist", "index.js"))).toBe(false);
  }, 180_000);
});

describe("a clone installed without dev dependencies", () => {
  it("is built by prepare, and `npm pack` prints only the tarball's name", async () => {
    const snapshot = await snapshotRepository();
    const clone = join(tempFolder("structgen-clone-"), "structgen");
    expect((await git(REPO_ROOT, ["clone", "-q", snapshot.dir, clone])).code).toBe(0);
    const installed = await run(
      NPM,
      ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"],
      { cwd: clone, timeout: 300_000 },
    );
    expect(installed.code, installed.stdout + installed.stderr).toBe(0);
    expect(existsSync(join(clone, "node_modules", "typescript"))).toBe(false);
    expect(existsSync(join(clone, "node_modules", "@types", "node"))).toBe(false);

    // The JavaScript is tsc's; declarations may only lose types that come from @types/node.
    const files = listFiles(join(clone, "dist"));
    expect(files).toEqual(listFiles(tscDist));
    const scripts = files.filter((file) => file.endsWith(".js"));
    expect(scripts).toContain("cli/main.js");
    expect(differing(join(clone, "dist"), tscDist, scripts)).toEqual([]);

    const packed = await run(NPM, ["pack"], { cwd: clone, timeout: 300_000 });
    expect(packed.code, packed.stderr).toBe(0);
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    expect(packed.stdout).toBe(`structgen-${version}.tgz\n`);
    expect(existsSync(join(clone, `structgen-${version}.tgz`))).toBe(true);
  }, 600_000);
});
