import { type Diagnostic, defineDiagnostic } from "../util/diagnostic.ts";

/** A Markdown file split into its YAML front matter and body. */
export interface FrontMatterSplit {
  /** The YAML text between the fences, or undefined when missing or unclosed. */
  yaml: string | undefined;
  /** Line number (1-based) of the first YAML line. */
  yamlLine: number;
  /** The Markdown body after the closing fence. */
  body: string;
  diagnostics: Diagnostic[];
}

const FENCE = /^---[ \t]*$/;

/**
 * Splits `---` fenced front matter from a Markdown body. Accepts a UTF-8 BOM and CRLF line
 * endings; reports a missing or unclosed fence with its line.
 */
export function splitFrontMatter(text: string, file: string): FrontMatterSplit {
  const normalised = stripBom(text).replace(/\r\n?/g, "\n");
  const lines = normalised.split("\n");
  if (normalised.trim() === "") {
    return failure(
      file,
      1,
      "card.empty",
      "the file is empty",
      "start the card with a `---` line, the YAML front matter, and a closing `---`",
    );
  }
  if (!FENCE.test(lines[0] ?? "")) {
    return failure(
      file,
      1,
      "card.front-matter-missing",
      "front matter missing: the card must start with a `---` line",
      "put the YAML front matter between two `---` lines at the top of the file (run `almanac new model` for a template)",
    );
  }
  const close = lines.findIndex((line, index) => index > 0 && FENCE.test(line));
  if (close === -1) {
    return failure(
      file,
      1,
      "card.front-matter-unclosed",
      "front matter not closed: no second `---` line",
      "add a line with `---` after the last YAML line",
    );
  }
  return {
    yaml: lines.slice(1, close).join("\n"),
    yamlLine: 2,
    body: lines.slice(close + 1).join("\n"),
    diagnostics: [],
  };
}

/** Removes a leading UTF-8 byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function failure(file: string, line: number, code: string, message: string, hint: string): FrontMatterSplit {
  return {
    yaml: undefined,
    yamlLine: 1,
    body: "",
    diagnostics: [defineDiagnostic({ file, line, code, message, hint })],
  };
}
