/**
 * The same inputs give the same bytes: across runs (and processes), with the inputs in any order, under another
 * time zone and locale, and with Windows line endings in the input.
 */
import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { OutputFile } from "../src/emit/emitters.js";
import { generate, type InputDocument } from "../src/pipeline/generate.js";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import { ensureBuilt, SPAWN_TIMEOUT_MS } from "./helpers/cli.js";
import { snapshot, startCli } from "./helpers/cli-process.js";
import { REPO_ROOT } from "./helpers/fixtures.js";

vi.setConfig({ testTimeout: 3 * SPAWN_TIMEOUT_MS, hookTimeout: 3 * SPAWN_TIMEOUT_MS });

/** A Core document with definitions, a choice, a map, an enum and text that locales treat differently (Turkish I). */
const CORE_ORDER = {
  $schema: "https://json-structure.org/meta/core/v0/#",
  $id: "https://example.com/schemas/order",
  name: "Order",
  type: "object",
  description: "An order. Iİıi: Turkish casing must not matter; 2024-03-31T23:30:00Z is just text.",
  properties: {
    id: { type: "uuid" },
    zeta: { type: "string" },
    Items: { type: "array", items: { type: { $ref: "#/definitions/Item" } } },
    status: { type: "string", enum: ["open", "İptal", "closed", "INDEX", "ıd"] },
    tags: { type: "map", values: { type: "string" } },
    placed: { type: "datetime" },
    total: { type: "decimal" },
    payment: { type: { $ref: "#/definitions/Payment" } },
  },
  required: ["id", "Items"],
  definitions: {
    Item: {
      type: "object",
      properties: { sku: { type: "string" }, qty: { type: "int32" } },
      required: ["sku"],
    },
    Payment: {
      type: "choice",
      choices: {
        card: { type: "object", properties: { number: { type: "string" } } },
        cash: { type: "object", properties: { amount: { type: "number" } } },
      },
    },
  },
};

/** Every flat golden input (names are distinct) plus the Core document above, as repo-relative paths and text. */
function corpus(): { path: string; text: string }[] {
  const flat = readdirSync(join(REPO_ROOT, "fixtures", "flat"))
    .sort()
    .map((name) => `fixtures/flat/${name}/input.json`)
    .filter((path) => existsSync(join(REPO_ROOT, path)))
    .map((path) => ({ path, text: readFileSync(join(REPO_ROOT, path), "utf8") }));
  const unique = flat.filter(
    (doc, i) => flat.findIndex((other) => nameOf(other.text) === nameOf(doc.text)) === i,
  );
  return [
    ...unique,
    {
      path: "fixtures/determinism/order.struct.json",
      text: `${JSON.stringify(CORE_ORDER, null, 2)}\n`,
    },
  ];
}

const DOCS = corpus();

function byPath(files: readonly OutputFile[]): Record<string, string> {
  return Object.fromEntries(
    [...files].sort((a, b) => (a.path < b.path ? -1 : 1)).map((f) => [f.path, f.contents]),
  );
}

async function run(
  inputs: readonly InputDocument[],
  prettier = true,
  outDir = ".",
): Promise<Record<string, string>> {
  const result = await generate({ inputs, outDir }, { prettier });
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return byPath(result.files);
}

const asInputs = (docs: readonly { path: string; text: string }[]) =>
  docs.map((d) => ({ path: d.path, contents: d.text }));

describe("determinism through the API", () => {
  let reference: Record<string, string>;

  beforeAll(async () => {
    expect(DOCS.length).toBeGreaterThanOrEqual(5);
    reference = await run(asInputs(DOCS));
  });

  it("two runs give the same bytes, with only LF line ends and one final newline", async () => {
    expect(await run(asInputs(DOCS))).toEqual(reference);
    for (const [path, text] of Object.entries(reference)) {
      expect(text.includes("\r"), path).toBe(false);
      expect(text.endsWith("\n") && !text.endsWith("\n\n"), path).toBe(true);
    }
  });

  it("any order of the inputs gives the same files and bytes (index.ts included)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(DOCS, { minLength: DOCS.length, maxLength: DOCS.length }),
        async (shuffled) => {
          expect(await run(asInputs(shuffled), false)).toEqual(await unformattedReference());
        },
      ),
      { numRuns: 8 },
    );
    expect(await run(asInputs([...DOCS].reverse()))).toEqual(reference);
  });

  let unformatted: Record<string, string> | undefined;
  async function unformattedReference(): Promise<Record<string, string>> {
    unformatted ??= await run(asInputs(DOCS), false);
    return unformatted;
  }

  it("Windows line endings (and a BOM) in the input change nothing", async () => {
    const crlf = DOCS.map((d) => ({ path: d.path, contents: d.text.replace(/\r?\n/g, "\r\n") }));
    expect(crlf.every((d) => d.contents.includes("\r\n"))).toBe(true);
    expect(await run(crlf)).toEqual(reference);
    const bom = DOCS.map((d) => ({
      path: d.path,
      contents: `\uFEFF${d.text.replace(/\r?\n/g, "\r\n")}`,
    }));
    expect(await run(bom)).toEqual(reference);
  });

  it("guards import only their types file and the runtime module, which imports nothing; none evaluates code (no eval, Function, import(), require)", () => {
    const guards = Object.entries(reference).filter(([path]) => path.endsWith(".guards.ts"));
    expect(guards.length).toBe(DOCS.length);
    const runtime = Object.entries(reference).filter(([path]) => path === "runtime.ts");
    expect(runtime.length).toBe(1);
    for (const [path, text] of [...guards, ...runtime]) {
      const allowed =
        path === "runtime.ts"
          ? []
          : [
              `./${path.replace(/^.*\//, "").replace(/\.guards\.ts$/, ".types.js")}`,
              "./runtime.js",
            ];
      const found: string[] = [];
      const source = ts.createSourceFile(
        path,
        text,
        ts.ScriptTarget.ES2022,
        true,
        ts.ScriptKind.TS,
      );
      const visit = (node: ts.Node): void => {
        // An export of local names (`export { a };`) loads nothing.
        if (
          (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
          node.moduleSpecifier !== undefined
        ) {
          const from = ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : "";
          if (!allowed.includes(from)) {
            found.push(`import from ${JSON.stringify(from)}`);
          }
        }
        if (
          (ts.isCallExpression(node) || ts.isNewExpression(node)) &&
          ts.isIdentifier(node.expression) &&
          ["eval", "Function", "require"].includes(node.expression.text)
        ) {
          found.push(node.expression.text);
        }
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
          found.push("import()");
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      expect(found, path).toEqual([]);
    }
  });

  it("the same document read from bytes or from text gives the same output", async () => {
    const bytes = DOCS.map((d) => ({ path: d.path, contents: new TextEncoder().encode(d.text) }));
    expect(await run(bytes)).toEqual(reference);
  });
});

describe("determinism through the CLI, across processes, time zones and locales", () => {
  let cwd: string;

  beforeAll(() => {
    ensureBuilt();
    cwd = mkdtempSync(join(tmpdir(), "structgen-determinism-"));
    for (const doc of DOCS) {
      mkdirSync(join(cwd, doc.path, ".."), { recursive: true });
      writeFileSync(join(cwd, doc.path), doc.text);
    }
    mkdirSync(join(cwd, "crlf"));
    for (const doc of DOCS) {
      // Core documents are named by their file; flat ones by their "name".
      const name = doc.path.endsWith(".struct.json")
        ? (doc.path.split("/").pop() ?? "")
        : doc.path.split("/").slice(-2).join("-");
      writeFileSync(join(cwd, "crlf", name), doc.text.replace(/\r?\n/g, "\r\n"));
    }
  });

  afterAll(() => {
    rmSync(cwd, { recursive: true, force: true });
  });

  const ENVIRONMENTS = {
    kiritimati: { TZ: "Pacific/Kiritimati", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
    utc: { TZ: "UTC", LANG: "C", LC_ALL: "C" },
    newYork: { TZ: "America/New_York", LANG: "de_DE.UTF-8", LC_ALL: "de_DE.UTF-8" },
  } as const;

  it("the environments really differ for Node (time zone, default locale, collation)", () => {
    const probe =
      'console.log(JSON.stringify([Intl.DateTimeFormat().resolvedOptions(), new Date(0).getHours(), ["i", "ı", "I", "İ"].sort((a, b) => a.localeCompare(b))]))';
    const seen = Object.values(ENVIRONMENTS).map((env) => {
      const child = spawnSync(process.execPath, ["-e", probe], {
        env: { ...process.env, ...env },
        encoding: "utf8",
      });
      const [options, hours, sorted] = JSON.parse(child.stdout) as [
        { locale: string; timeZone: string },
        number,
        string[],
      ];
      return JSON.stringify([options.locale, options.timeZone, hours, sorted]);
    });
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("TZ=Pacific/Kiritimati LANG=tr_TR.UTF-8 and TZ=UTC LANG=C (and a third) write the same bytes", async () => {
    const inputs = DOCS.map((d) => d.path);
    const runs = await Promise.all(
      Object.entries(ENVIRONMENTS).map(async ([name, env]) => {
        const finished = await startCli(["generate", ...inputs, "--out", `out-${name}`], {
          cwd,
          env,
        }).done;
        expect(finished.code, finished.stderr).toBe(0);
        return snapshot(join(cwd, `out-${name}`));
      }),
    );
    const [first, ...rest] = runs;
    expect(Object.keys(first ?? {}).length).toBeGreaterThan(DOCS.length * 3);
    for (const other of rest) {
      expect(other).toEqual(first);
    }
    // The manifest is among the files compared above; the API writes none.
    expect(Object.keys(first ?? {})).toContain(MANIFEST_FILE);
    // And the same bytes as the API gives for the same inputs (and the same prettier configuration: none), named
    // where the CLI read them: banners name inputs from the output folder.
    const api = await run(
      asInputs(DOCS).map((input) => ({ ...input, path: join(cwd, input.path) })),
      true,
      join(cwd, "out-utc"),
    );
    const outputs = Object.entries(first ?? {}).filter(([path]) => path !== MANIFEST_FILE);
    expect(
      Object.fromEntries(
        outputs.map(([path, text]) => [path, Buffer.from(text, "latin1").toString("utf8")]),
      ),
    ).toEqual(api);
  });

  it("a folder of CRLF copies gives the same types, guards and schemas as the LF originals (banners aside)", async () => {
    const [lf, crlf] = await Promise.all([
      startCli(["generate", ...DOCS.map((d) => d.path), "--out", "out-lf"], {
        cwd,
        env: ENVIRONMENTS.utc,
      }).done,
      startCli(["generate", "crlf", "--out", "out-crlf"], { cwd, env: ENVIRONMENTS.kiritimati })
        .done,
    ]);
    expect([lf.code, crlf.code], `${lf.stderr}${crlf.stderr}`).toEqual([0, 0]);
    const strip = (files: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(files)
          // The manifest records the inputs' hashes, which differ with their line ends.
          .filter(([path]) => path !== "index.ts" && path !== MANIFEST_FILE)
          .map(([path, text]) => [
            path,
            text.replace(
              /Generated by structgen from [^\n"]*\./g,
              "Generated by structgen from <input>.",
            ),
          ]),
      );
    expect(strip(snapshot(join(cwd, "out-crlf")))).toEqual(strip(snapshot(join(cwd, "out-lf"))));
  });

  it("the same bytes from another working folder, with the inputs named another way, and --check agrees from there", async () => {
    const inputs = DOCS.map((d) => d.path);
    mkdirSync(join(cwd, "sub"), { recursive: true });
    const [here, fromSub, absolute] = await Promise.all([
      startCli(["generate", ...inputs, "--out", "out-here"], { cwd, env: ENVIRONMENTS.utc }).done,
      startCli(["generate", ...inputs.map((path) => `../${path}`), "--out", "../out-sub"], {
        cwd: join(cwd, "sub"),
        env: ENVIRONMENTS.utc,
      }).done,
      startCli(
        ["generate", ...inputs.map((path) => join(cwd, path)), "--out", join(cwd, "out-absolute")],
        { cwd: tmpdir(), env: ENVIRONMENTS.utc },
      ).done,
    ]);
    expect(
      [here.code, fromSub.code, absolute.code],
      `${here.stderr}${fromSub.stderr}${absolute.stderr}`,
    ).toEqual([0, 0, 0]);
    const expected = snapshot(join(cwd, "out-here"));
    expect(Object.keys(expected).length).toBeGreaterThan(DOCS.length * 3);
    expect(snapshot(join(cwd, "out-sub"))).toEqual(expected);
    expect(snapshot(join(cwd, "out-absolute"))).toEqual(expected);
    // A config file found from a subfolder: its paths are relative to it, and the outputs are up to date from there.
    writeFileSync(join(cwd, "structgen.config.json"), JSON.stringify({ inputs, out: "out-here" }));
    try {
      const check = await startCli(["generate", "--check"], {
        cwd: join(cwd, "sub"),
        env: ENVIRONMENTS.utc,
      }).done;
      expect([check.code, check.stdout], check.stderr).toEqual([
        0,
        expect.stringMatching(/up to date/),
      ]);
    } finally {
      rmSync(join(cwd, "structgen.config.json"));
    }
  });

  it("a second run in another process rewrites nothing: the bytes on disk are already the bytes it makes", async () => {
    cpSync(join(cwd, "out-utc"), join(cwd, "out-again"), { recursive: true });
    const finished = await startCli(
      ["generate", ...DOCS.map((d) => d.path), "--out", "out-again"],
      { cwd, env: ENVIRONMENTS.kiritimati },
    ).done;
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toMatch(/ 0 files written/);
    expect(snapshot(join(cwd, "out-again"))).toEqual(snapshot(join(cwd, "out-utc")));
  });
});

/** A flat summary's "name". */
function nameOf(text: string): unknown {
  return (JSON.parse(text) as { name?: unknown }).name;
}
