/**
 * How long the comment sanitiser takes on hostile bodies of 1 MiB: the known pathological inputs of
 * CommonMark parsers (cmark's pathological_tests.py and micromark's slow cases), each as a whole 1 MiB
 * body (the comment action cuts to 65,536 characters before parsing) and at the longest length still
 * parsed (MAX_PARSED_LENGTH), where a job summary is sanitised in full.
 *
 * Run: node scripts/bench-sanitizer.ts
 * Prints one line per input (characters, milliseconds for sanitizeMarkdown on the whole body and for
 * prepareCommentBody as the comment action calls it) and the slowest of each.
 */
import {
  GITHUB_COMMENT_LIMIT,
  MAX_PARSED_LENGTH,
  prepareCommentBody,
  sanitizeMarkdown,
} from "../core/github/comment-body.ts";

const MIB = 1024 * 1024;

/** `unit` repeated until the body is 1 MiB. */
function fill(unit: string, length = MIB): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const INPUTS: Record<string, string> = {
  "> × 1 MiB": fill(">"),
  "*a × 1 MiB": fill("*a"),
  "_a × 1 MiB": fill("_a"),
  "*_ × 1 MiB": fill("*_"),
  "a**b × 1 MiB": fill("a**b"),
  "~~a × 1 MiB": fill("~~a"),
  "nested * emphasis": `${"*".repeat(MIB / 2 - 1)}a${"*".repeat(MIB / 2 - 1)}`,
  "nested brackets": `${"[".repeat(MIB / 2 - 1)}a${"]".repeat(MIB / 2 - 1)}`,
  "[a × 1 MiB": fill("[a"),
  "[a]( × 1 MiB": fill("[a]("),
  "![ × 1 MiB": fill("!["),
  "< × 1 MiB": fill("<"),
  "<a × 1 MiB": fill("<a "),
  "`a × 1 MiB": fill("`a"),
  "&# × 1 MiB": fill("&#"),
  "@a × 1 MiB": fill("@a "),
  "> - nested containers": fill("> - "),
  "deep list by indent": Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i * 2)}- a`).join("\n"),
  "table of 32,000 columns": `|${"a|".repeat(32_000)}\n|${"-|".repeat(32_000)}\n|${"a|".repeat(32_000)}\n`,
  "reference definitions": `${"[a]: b\n".repeat(60_000)}${"[a] ".repeat(40_000)}`,
  "table rows of 256 columns": `|${"a|".repeat(256)}\n|${"-|".repeat(256)}\n${`|${"*a*|".repeat(255)}\n`.repeat(900)}`,
  "a plain report": fill(
    "| model | auc | Δ |\n|---|---:|---:|\n| churn @alice | **0.91** | +0.02 |\n\n<details>\n<summary>more</summary>\n\ntext `code` [link](https://x.test)\n\n</details>\n\n",
  ),
};

function time(run: () => string): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

let worstWhole = 0;
let worstComment = 0;
for (const [name, body] of Object.entries(INPUTS)) {
  const parsed = body.slice(0, MAX_PARSED_LENGTH);
  const whole = time(() => sanitizeMarkdown(parsed));
  const comment = time(() => prepareCommentBody(body, GITHUB_COMMENT_LIMIT, "\n\ncut"));
  worstWhole = Math.max(worstWhole, whole);
  worstComment = Math.max(worstComment, comment);
  console.log(
    `${name.padEnd(32)} ${String(body.length).padStart(8)} chars  sanitize ${(parsed.length / 1024).toFixed(0)} KiB ${whole.toFixed(0).padStart(5)} ms  comment ${comment.toFixed(0).padStart(5)} ms`,
  );
}
console.log(
  `slowest: sanitizeMarkdown (≤ MAX_PARSED_LENGTH) ${worstWhole.toFixed(0)} ms, prepareCommentBody ${worstComment.toFixed(0)} ms`,
);
