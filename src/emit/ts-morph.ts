/**
 * ts-morph's values, loaded with require() instead of import. ts-morph is CommonJS, and an ES module that imports
 * it makes Node scan its source first for the names it exports (cjs-module-lexer over about 1 MB), which costs
 * about 80 ms on every run that emits: loading it took 230 to 290 ms with require() against 320 to 410 ms with
 * import on the 2-core machine of README's Performance section. `import = require` compiles to createRequire in
 * an ES module, and its aliases keep both meanings: `ts.Node` and `StructureKind.Interface` are types as well.
 * Type-only imports can come straight from "ts-morph" (they are erased).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- on purpose: the comment above says why
import tsMorph = require("ts-morph");

export import ts = tsMorph.ts;
export import Project = tsMorph.Project;
export import IndentationText = tsMorph.IndentationText;
export import NewLineKind = tsMorph.NewLineKind;
export import QuoteKind = tsMorph.QuoteKind;
export import StructureKind = tsMorph.StructureKind;
export import VariableDeclarationKind = tsMorph.VariableDeclarationKind;
