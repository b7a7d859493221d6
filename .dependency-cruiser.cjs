/**
 * The import rule of src/: a folder per pipeline stage, and imports run one way, down the stages
 * (README, Architecture). A stage may import its own folder and the stages before it, never one after it.
 * Run by `npm run lint`.
 */
const STAGES = ["model", "read", "enrich", "emit", "format", "write", "pipeline", "cli"];

const downTheStages = STAGES.map((stage, index) => ({
  name: `${stage}-imports-down`,
  comment: `src/${stage}/ may import only ${["itself", ...STAGES.slice(0, index)].join(", ")}: ${STAGES.slice(index + 1).join(", ") || "nothing"} come later in the pipeline`,
  severity: "error",
  from: { path: `^src/${stage}/` },
  to: { path: `^src/(${[...STAGES.slice(index + 1), "index\\.ts$"].join("|")})` },
}));

module.exports = {
  forbidden: [
    ...downTheStages,
    {
      name: "only-the-api-at-the-top",
      comment:
        "only src/index.ts (the public API) lies at the top of src/; every other file belongs to a stage folder",
      severity: "error",
      from: { path: "^src/[^/]+$", pathNot: "^src/index\\.ts$" },
      to: {},
    },
    {
      name: "stage-folders-only",
      comment: "every folder of src/ is one of the stages",
      severity: "error",
      from: { path: "^src/[^/]+/", pathNot: `^src/(${STAGES.join("|")})/` },
      to: {},
    },
    {
      name: "dialects-apart",
      comment:
        "each input dialect is read on its own: read/<dialect>/ never imports another dialect's folder",
      severity: "error",
      from: { path: "^src/read/([^/]+)/" },
      to: { path: "^src/read/[^/]+/", pathNot: "^src/read/$1/" },
    },
    {
      name: "no-circular",
      comment: "modules that import each other in a loop cannot be read (or tested) one at a time",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "no-test-code-in-src",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|fixtures)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
