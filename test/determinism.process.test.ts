/**
 * The same inputs give the same bytes through the CLI, across processes: under other time zones and locales, from
 * a folder of CRLF copies, from other working folders with the inputs named another way, and in a second process
 * over outputs already on disk. Each run is a real process (the bin), with its own environment.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MANIFEST_FILE } from "../src/write/manifest.js";
import { ensureBuilt, snapshot, SPAWN_TIMEOUT_MS, startBin } from "./helpers/cli-process.js";
import { asInputs, DOCS, run } from "./helpers/determinism.js";

vi.setConfig({ testTimeout: 3 * SPAWN_TIMEOUT_MS, hookTimeout: 3 * SPAWN_TIMEOUT_MS });

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
        const finished = await startBin(["generate", ...inputs, "--out", `out-${name}`], {
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
      startBin(["generate", ...DOCS.map((d) => d.path), "--out", "out-lf"], {
        cwd,
        env: ENVIRONMENTS.utc,
      }).done,
      startBin(["generate", "crlf", "--out", "out-crlf"], { cwd, env: ENVIRONMENTS.kiritimati })
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
      startBin(["generate", ...inputs, "--out", "out-here"], { cwd, env: ENVIRONMENTS.utc }).done,
      startBin(["generate", ...inputs.map((path) => `../${path}`), "--out", "../out-sub"], {
        cwd: join(cwd, "sub"),
        env: ENVIRONMENTS.utc,
      }).done,
      startBin(
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
      const check = await startBin(["generate", "--check"], {
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
    const finished = await startBin(
      ["generate", ...DOCS.map((d) => d.path), "--out", "out-again"],
      { cwd, env: ENVIRONMENTS.kiritimati },
    ).done;
    expect(finished.code, finished.stderr).toBe(0);
    expect(finished.stdout).toMatch(/ 0 files written/);
    expect(snapshot(join(cwd, "out-again"))).toEqual(snapshot(join(cwd, "out-utc")));
  });
});
