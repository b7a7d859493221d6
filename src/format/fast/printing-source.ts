/**
 * The file being printed. The fast printer parses without parent links (a quarter of its time went to setting
 * them), so nodes cannot find their file: the printers read node text through here instead. Set for the
 * duration of one synchronous print.
 */
import type { ts } from "ts-morph";

let current: ts.SourceFile | undefined;

export function printingFrom<T>(source: ts.SourceFile, print: () => T): T {
  const previous = current;
  current = source;
  try {
    return print();
  } finally {
    current = previous;
  }
}

function file(): ts.SourceFile {
  if (current === undefined) {
    throw new Error("structgen internal error: a fast-printer node read outside printingFrom()");
  }
  return current;
}

export function sourceText(): string {
  return file().text;
}

export function textOf(node: ts.Node): string {
  return node.getText(file());
}

export function startOf(node: ts.Node): number {
  return node.getStart(file());
}
