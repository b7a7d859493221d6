// Module hooks that let Node 20 run the TypeScript sources directly (for `npm run conformance`): `.js`
// specifiers that point at a `.ts` file resolve to it, and `.ts` files are transpiled with the project's
// TypeScript (no type checking here; `npm run typecheck` does that).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const relative =
      specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("file:");
    if (relative && specifier.endsWith(".js")) {
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
    throw error;
  }
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !url.endsWith(".ts")) {
    return nextLoad(url, context);
  }
  const fileName = fileURLToPath(url);
  const source = await readFile(fileName, "utf8");
  // As tsc compiles src/ (NodeNext, in a "type": "module" package): the .mts name tells transpileModule the file is
  // an ES module, so that src/ts-morph.ts's `import = require` becomes createRequire (ESNext would drop it).
  const output = ts.transpileModule(source, {
    fileName: fileName.replace(/\.ts$/, ".mts"),
    compilerOptions: {
      module: ts.ModuleKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      sourceMap: false,
    },
  });
  return { format: "module", source: output.outputText, shortCircuit: true };
}
