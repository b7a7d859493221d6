/**
 * Section 1: the generated `isRun` / `validateRun` against ajv compiled from the emitted schema.
 *
 * The guards are generated from the seed into a temp folder by the API, transpiled (with the runtime module they
 * import) by typescript.transpileModule and imported, as a user's bundler would. ajv is Ajv2020 in strict mode with
 * ajv-formats and `ownProperties: true` (as the README sets it up), once stopping at the first error and once
 * with `allErrors`. Every validator must agree with the others on every payload before anything is timed.
 *
 * Each tinybench task calls the validator BATCH times, so the timer's own cost (tens of ns, as much as one
 * call) does not cap the figures; ops/s is BATCH / mean task time. Each validator has its own loop function
 * (no shared call site), and all loops are warmed on all payloads first, so every validator is measured in the
 * same polymorphic steady state.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { Bench, hrtimeNowTimestampProvider } from "tinybench";
import ts from "typescript";
import type { Build } from "./build.ts";
import { REPO_ROOT, SEED } from "./paths.ts";
import { runNode } from "./spawn.ts";
import { INVALID_PAYLOADS, type Payload, VALID_PAYLOADS } from "./payloads.ts";

// ajv-formats is CommonJS; under ESM its default export is the plugin function.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

type Check = (value: unknown) => boolean;
type Validate = (value: unknown) => { readonly ok: boolean };

export interface GuardSubjects {
  readonly isRun: Check;
  readonly validateRun: Validate;
  /** ajv, stopping at the first error. */
  readonly ajv: Check;
  /** ajv with allErrors. */
  readonly ajvAllErrors: Check;
}

export interface SeedOutputs {
  readonly subjects: GuardSubjects;
  /** The seed's emitted JSON Schema, on disk (json2ts's input in the start-up comparison). */
  readonly schemaPath: string;
}

/** Generates the seed's outputs into `dir`, imports the transpiled guards and compiles the emitted schema. */
export async function loadGuardSubjects(build: Build, dir: string): Promise<SeedOutputs> {
  const { generate, writeOutputs } = build.api;
  mkdirSync(dir, { recursive: true });
  const result = await generate({ inputs: [SEED], outDir: dir });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    throw new Error(`structgen failed on the seed: ${JSON.stringify(errors)}`);
  }
  const written = await writeOutputs(dir, result.files);
  if (written.diagnostics.length > 0) {
    throw new Error(`writing the seed's outputs failed: ${JSON.stringify(written.diagnostics)}`);
  }
  const files = result.documents[0]?.files ?? [];
  const guardsFile = files.find((file) => file.endsWith(".guards.ts"));
  const schemaFile = files.find((file) => file.endsWith(".schema.json"));
  if (guardsFile === undefined || schemaFile === undefined) {
    throw new Error(`the seed produced no guards or schema: ${files.join(", ")}`);
  }
  // The guards and the runtime module they import, as the JavaScript files a build would make of them.
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const file of [guardsFile, "runtime.ts"]) {
    const js = ts.transpileModule(readFileSync(join(dir, file), "utf8"), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    }).outputText;
    writeFileSync(join(dir, file.replace(/\.ts$/, ".js")), js);
  }
  const modulePath = join(dir, guardsFile.replace(/\.ts$/, ".js"));
  const guards = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  const isRun = guards["isRun"];
  const validateRun = guards["validateRun"];
  if (typeof isRun !== "function" || typeof validateRun !== "function") {
    throw new Error(`${guardsFile} does not export isRun and validateRun`);
  }
  const schema = JSON.parse(readFileSync(join(dir, schemaFile), "utf8")) as object;
  const compile = (allErrors: boolean): Check => {
    const ajv = new Ajv2020({ strict: true, ownProperties: true, allErrors });
    addFormats(ajv);
    return ajv.compile(schema) as Check;
  };
  const subjects = {
    isRun: isRun as Check,
    validateRun: validateRun as Validate,
    ajv: compile(false),
    ajvAllErrors: compile(true),
  };
  return { subjects, schemaPath: join(dir, schemaFile) };
}

/** Refuses to time validators that disagree: each must accept exactly the valid payloads. */
export function checkAgreement(subjects: GuardSubjects): void {
  const cases = [
    ...VALID_PAYLOADS.map((p) => ({ ...p, expected: true })),
    ...INVALID_PAYLOADS.map((p) => ({ ...p, expected: false })),
  ];
  for (const { name, value, expected } of cases) {
    const verdicts = {
      isRun: subjects.isRun(value),
      validateRun: subjects.validateRun(value).ok,
      ajv: subjects.ajv(value),
      ajvAllErrors: subjects.ajvAllErrors(value),
    };
    for (const [who, verdict] of Object.entries(verdicts)) {
      if (verdict !== expected) {
        throw new Error(
          `${who} says ${verdict ? "valid" : "invalid"} for the ${name} payload; expected ${expected ? "valid" : "invalid"}`,
        );
      }
    }
  }
}

export const BATCH = 256;

export type Subject = keyof GuardSubjects;
export const SUBJECTS: readonly Subject[] = ["isRun", "ajv", "validateRun", "ajvAllErrors"];

/** One loop per validator: separate functions, so no call site is shared between validators. */
function loops(s: GuardSubjects): Record<Subject, (value: unknown) => number> {
  const { isRun, validateRun, ajv, ajvAllErrors } = s;
  return {
    isRun(value) {
      let n = 0;
      for (let i = 0; i < BATCH; i++) {
        if (isRun(value)) {
          n++;
        }
      }
      return n;
    },
    validateRun(value) {
      let n = 0;
      for (let i = 0; i < BATCH; i++) {
        if (validateRun(value).ok) {
          n++;
        }
      }
      return n;
    },
    ajv(value) {
      let n = 0;
      for (let i = 0; i < BATCH; i++) {
        if (ajv(value)) {
          n++;
        }
      }
      return n;
    },
    ajvAllErrors(value) {
      let n = 0;
      for (let i = 0; i < BATCH; i++) {
        if (ajvAllErrors(value)) {
          n++;
        }
      }
      return n;
    },
  };
}

export interface GuardTiming {
  readonly payload: string;
  readonly valid: boolean;
  /** Validations per second, per subject. */
  readonly opsPerSecond: Readonly<Record<Subject, number>>;
}

export interface GuardBenchOptions {
  /** Time budget per task (ms). */
  readonly timeMs: number;
  /** Warm-up budget per task (ms), on top of the initial warm-up over all payloads. */
  readonly warmupMs: number;
}

export async function benchGuards(
  subjects: GuardSubjects,
  options: GuardBenchOptions,
): Promise<GuardTiming[]> {
  checkAgreement(subjects);
  const loop = loops(subjects);
  const payloads: (Payload & { valid: boolean })[] = [
    ...VALID_PAYLOADS.map((p) => ({ ...p, valid: true })),
    ...INVALID_PAYLOADS.map((p) => ({ ...p, valid: false })),
  ];
  let sink = 0;
  // Warm every loop on every payload, so all of them reach their polymorphic steady state before timing.
  for (let round = 0; round < 40; round++) {
    for (const subject of SUBJECTS) {
      for (const p of payloads) {
        sink += loop[subject](p.value);
      }
    }
  }
  const bench = new Bench({
    time: options.timeMs,
    warmupTime: options.warmupMs,
    timestampProvider: hrtimeNowTimestampProvider,
    throws: true,
  });
  for (const p of payloads) {
    for (const subject of SUBJECTS) {
      const run = loop[subject];
      const value = p.value;
      bench.add(`${subject} ${p.name}`, () => {
        sink += run(value);
      });
    }
  }
  await bench.run();
  if (sink < 0) {
    console.log(sink); // never: keeps the results observable
  }
  return payloads.map((p) => {
    const opsPerSecond = {} as Record<Subject, number>;
    for (const subject of SUBJECTS) {
      const task = bench.getTask(`${subject} ${p.name}`);
      const result = task?.result;
      if (result === undefined || result.state !== "completed") {
        throw new Error(
          `tinybench task ${subject} ${p.name} did not complete: ${result?.state ?? "missing"}`,
        );
      }
      opsPerSecond[subject] = (BATCH * 1000) / result.period;
    }
    return { payload: p.name, valid: p.valid, opsPerSecond };
  });
}

const CHILD = fileURLToPath(new URL("./guards-child.ts", import.meta.url));
const REGISTER = fileURLToPath(new URL("./register.mjs", import.meta.url));

/**
 * Generates the seed's guards into `dir` and times them against ajv in a child process on `node` (guards-child.ts),
 * so that every Node the bench compares runs the same script.
 */
export async function benchGuardsOn(
  node: string,
  build: Build,
  dir: string,
  options: GuardBenchOptions,
): Promise<{ timings: GuardTiming[]; schemaPath: string }> {
  const args = [build.root, dir, String(options.timeMs), String(options.warmupMs)];
  const run = await runNode(CHILD, args, {
    cwd: REPO_ROOT,
    node,
    nodeFlags: ["--import", REGISTER],
  });
  return JSON.parse(run.stdout) as { timings: GuardTiming[]; schemaPath: string };
}
