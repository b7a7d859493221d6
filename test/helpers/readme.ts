/**
 * The README's shell examples (```sh, ```bash and ```console blocks) and what the README says about each.
 *
 * An HTML comment right above the fence (other comments, such as `<!-- example:NAME:start -->`, may stand between)
 * says how the README test treats a block:
 * - `<!-- example:setup REASON -->`: the fresh clone's set-up command; every other example runs after it;
 * - `<!-- example:skip REASON -->`: not run, for the reason given (the whole test suite, a hook script, a network);
 * - `<!-- example:fails REASON -->`: an expected failure, which must end with a non-zero exit code;
 * - no marker: runs, and must end with exit code 0.
 *
 * What a block states it prints: in ```sh and ```bash, its whole-line comments (`# text`); in ```console, the lines
 * that are not commands (`$ command`). A timing such as `(144 ms)` stands for any timing. A `^C` line is where the
 * reader presses Ctrl-C: what is stated above it is printed before, what is stated below it after.
 * The prose paragraph right after a block may name files in its output folder (`--out generated`, then
 * `generated/index.ts` in backticks): those are outputs it states too.
 */

export type ExampleMode = "run" | "setup" | "skip" | "fails";

export interface ShellExample {
  /** The README line of the opening fence, 1-based. */
  readonly line: number;
  readonly language: "sh" | "bash" | "console";
  /** The shell text to run (for ```console, the commands without their `$ `). */
  readonly script: string;
  readonly mode: ExampleMode;
  /** The marker's reason ("" for an unmarked block). */
  readonly reason: string;
  /** What is wrong with the block's markers: an unknown directive, a missing reason, two directives. */
  readonly problems: readonly string[];
  /** The lines it states it prints (before the `^C` line, if it has one). */
  readonly printed: readonly string[];
  /** The lines it states it prints after Ctrl-C; undefined when it has no `^C` line. */
  readonly printedAfterInterrupt: readonly string[] | undefined;
  /** The output folders it names (`--out DIR`). */
  readonly outputFolders: readonly string[];
  /** Files in those folders that the paragraph after the block names. */
  readonly namedOutputs: readonly string[];
}

const SHELL_FENCE = /^```(sh|bash|console)\s*$/;
const ANY_FENCE = /^```/;
const COMMENT_LINE = /^<!--.*-->$/;
const DIRECTIVE = /^<!-- example:([\w-]+)(?::(?:start|end))?(.*?)-->$/;
const MODES: readonly string[] = ["setup", "skip", "fails"];

/** Every shell example of the README, in order. */
export function shellExamples(readme: string): ShellExample[] {
  const lines = readme.split("\n");
  const examples: ShellExample[] = [];
  for (let index = 0; index < lines.length; index++) {
    const opening = lines[index] ?? "";
    if (!ANY_FENCE.test(opening)) {
      continue;
    }
    const end = closingFence(lines, index);
    const language = SHELL_FENCE.exec(opening)?.[1];
    if (language === "sh" || language === "bash" || language === "console") {
      const body = lines.slice(index + 1, end);
      examples.push(shellExample(lines, index, body, language, end));
    }
    index = end;
  }
  return examples;
}

function closingFence(lines: readonly string[], opening: number): number {
  for (let index = opening + 1; index < lines.length; index++) {
    if (/^```\s*$/.test(lines[index] ?? "")) {
      return index;
    }
  }
  throw new Error(`README.md line ${opening + 1}: a code block that is never closed`);
}

function shellExample(
  lines: readonly string[],
  fence: number,
  body: readonly string[],
  language: ShellExample["language"],
  end: number,
): ShellExample {
  const { mode, reason, problems } = markerAbove(lines, fence);
  const { script, stated } = splitStated(body, language);
  const interrupt = stated.indexOf("^C");
  const outputFolders = [
    ...new Set([...script.matchAll(/--out[= ]+(\S+)/g)].map((match) => match[1] ?? "")),
  ];
  return {
    line: fence + 1,
    language,
    script,
    mode,
    reason,
    problems,
    printed: interrupt < 0 ? stated : stated.slice(0, interrupt),
    printedAfterInterrupt: interrupt < 0 ? undefined : stated.slice(interrupt + 1),
    outputFolders,
    namedOutputs: namedInParagraphAfter(lines, end, outputFolders),
  };
}

/** The `example:` directive in the comment lines right above a fence. */
function markerAbove(
  lines: readonly string[],
  fence: number,
): { mode: ExampleMode; reason: string; problems: string[] } {
  const found: { mode: ExampleMode; reason: string }[] = [];
  const problems: string[] = [];
  for (let index = fence - 1; index >= 0 && COMMENT_LINE.test(lines[index] ?? ""); index--) {
    const comment = lines[index] ?? "";
    const directive = DIRECTIVE.exec(comment);
    if (directive === null || /^<!-- example:[\w-]+:(start|end) -->$/.test(comment)) {
      continue;
    }
    const [, name = "", text = ""] = directive;
    if (!MODES.includes(name)) {
      problems.push(`unknown directive "example:${name}" (known: ${MODES.join(", ")})`);
    } else if (text.trim() === "") {
      problems.push(`"example:${name}" needs a reason`);
    } else {
      found.push({ mode: name as ExampleMode, reason: text.trim() });
    }
  }
  if (found.length > 1) {
    problems.push(`${found.length} directives; a block takes one`);
  }
  return { ...(found[0] ?? { mode: "run", reason: "" }), problems };
}

/** Splits a block into the script to run and the lines it states it prints. */
function splitStated(
  body: readonly string[],
  language: ShellExample["language"],
): { script: string; stated: string[] } {
  if (language === "console") {
    const commands = body.filter((line) => line.startsWith("$ "));
    return {
      script: commands.map((line) => line.slice(2)).join("\n"),
      stated: body.filter((line) => !line.startsWith("$ ") && line.trim() !== ""),
    };
  }
  const statedLine = /^#(?!!) ?(.*)$/;
  return {
    script: body.filter((line) => !statedLine.test(line)).join("\n"),
    stated: body.flatMap((line) => statedLine.exec(line)?.[1] ?? []),
  };
}

/** Paths in backticks, in the prose paragraph after the block, that lie in one of its output folders. */
function namedInParagraphAfter(
  lines: readonly string[],
  end: number,
  folders: readonly string[],
): string[] {
  let index = end + 1;
  while (index < lines.length && /^(\s*|<!--.*-->)$/.test(lines[index] ?? "")) {
    index++;
  }
  const paragraph: string[] = [];
  for (; index < lines.length; index++) {
    const line = lines[index] ?? "";
    if (line.trim() === "" || ANY_FENCE.test(line) || COMMENT_LINE.test(line)) {
      break;
    }
    paragraph.push(line);
  }
  const quoted = [...paragraph.join(" ").matchAll(/`([^`\s]+)`/g)].map((match) => match[1] ?? "");
  return quoted.filter((path) => folders.some((folder) => path.startsWith(`${folder}/`)));
}

/** Whether `output` has a line that is the stated line, any `(N ms)` timing standing for any timing. */
export function printsLine(output: string, stated: string): boolean {
  const escaped = stated.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`^${escaped.replace(/\\\(\d+ ms\\\)/g, "\\(\\d+ ms\\)")}$`);
  return output.split(/\r?\n/).some((line) => pattern.test(line));
}
