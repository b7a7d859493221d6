// Module hooks for register.mjs: load `.ts` files as ES modules transpiled by typescript.transpileModule.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !url.endsWith(".ts")) {
    return nextLoad(url, context);
  }
  const fileName = fileURLToPath(url);
  const source = await readFile(fileName, "utf8");
  const output = ts.transpileModule(source, {
    fileName,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: true,
      allowImportingTsExtensions: true,
      inlineSourceMap: true,
    },
  });
  return { format: "module", source: output.outputText, shortCircuit: true };
}
