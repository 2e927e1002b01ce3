import MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import type Token from "markdown-it/lib/token.mjs";

/**
 * Where GitHub will render Markdown source as code (fenced and indented code blocks, code spans), as
 * [start, end) offsets into the source. Everything else is text or raw HTML and gets sanitised.
 *
 * The parser is markdown-it (CommonMark with GFM tables and strikethrough, linear time; micromark
 * took seconds on a 64 KiB list). Code spans are recorded by markdown-it's own backtick rule, then
 * placed back in the source; a span that cannot be placed exactly is not protected (it is sanitised
 * like text, which is always safe).
 */
export type Range = readonly [start: number, end: number];

type InlineRule = (state: StateInline, silent: boolean) => boolean;

interface Env {
  /** Code spans of the inline content being parsed, in its own offsets. */
  spans?: Array<[number, number]>;
}

function createParser(): MarkdownIt {
  const md = new MarkdownIt("default", { html: true, linkify: false });
  // markdown-it's own backtick rule, wrapped so each code span it makes is recorded.
  const rules = (md.inline.ruler as unknown as { __rules__: Array<{ name: string; fn: InlineRule }> }).__rules__;
  const backticks = rules.find((rule) => rule.name === "backticks")!.fn;
  md.inline.ruler.at("backticks", (state: StateInline, silent: boolean) => {
    const start = state.pos;
    const before = state.tokens.length;
    const matched = backticks(state, silent);
    const pushed = state.tokens[state.tokens.length - 1];
    if (matched && !silent && state.tokens.length > before && pushed?.type === "code_inline") {
      (state.env as Env).spans?.push([start, state.pos]);
    }
    return matched;
  });
  md.core.ruler.at("inline", (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type !== "inline") continue;
      const env: Env = { spans: [] };
      state.md.inline.parse(token.content, state.md, env, token.children ?? []);
      token.meta = { spans: env.spans };
    }
  });
  return md;
}

const parser = createParser();

/** Offsets where each line starts, plus one past the end. */
function lineStarts(source: string): number[] {
  const starts = [0];
  for (let at = source.indexOf("\n"); at !== -1; at = source.indexOf("\n", at + 1)) starts.push(at + 1);
  starts.push(source.length + 1);
  return starts;
}

/**
 * Places inline content (lines joined by "\n", container markers and indentation stripped, trimmed)
 * back in the source lines it came from: each content line must be found whole on its source line,
 * searching after the previous piece. Returns the source offset of each content line, or undefined.
 */
function placeContent(content: string, source: string, starts: number[], map: [number, number], from: number) {
  const offsets: number[] = [];
  let cursor = from;
  const lines = content.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = map[0] + index;
    if (line >= map[1]) return undefined;
    const lineStart = Math.max(starts[line]!, cursor);
    const lineEnd = starts[line + 1]! - 1;
    const piece = lines[index]!;
    // Inline content runs to the end of its line (the last line trimmed) except in headings with
    // closing hashes and in table cells, which are searched for after the previous piece.
    const text = source.slice(lineStart, lineEnd);
    const trimmed = index === lines.length - 1 ? text.trimEnd() : text;
    const at = trimmed.endsWith(piece) ? lineStart + trimmed.length - piece.length : text.indexOf(piece) + lineStart;
    if (at < lineStart) return undefined;
    offsets.push(at);
    cursor = at + piece.length;
  }
  return offsets;
}

/** Source ranges of one inline token's code spans; none when they cannot all be placed. */
function spanRanges(token: Token, source: string, starts: number[], map: [number, number], from: number) {
  const spans = (token.meta as Env | null)?.spans ?? [];
  const offsets = placeContent(token.content, source, starts, map, from);
  if (!offsets) return { ranges: [] as Range[], end: from };
  const lineOf = lineOffsetsIn(token.content);
  const toSource = (at: number) => {
    let line = 0;
    while (line + 1 < lineOf.length && lineOf[line + 1]! <= at) line++;
    return offsets[line]! + (at - lineOf[line]!);
  };
  const ranges: Range[] = spans.map(([start, end]) => [toSource(start), toSource(end - 1) + 1] as const);
  const last = offsets.length - 1;
  const tail = token.content.length - lineOf[last]!;
  return { ranges, end: offsets[last]! + tail };
}

function lineOffsetsIn(content: string): number[] {
  const offsets = [0];
  for (let at = content.indexOf("\n"); at !== -1; at = content.indexOf("\n", at + 1)) offsets.push(at + 1);
  return offsets;
}

/**
 * The source ranges GitHub renders as code, sorted and non-overlapping. Throws only when the parser
 * does (the caller then escapes everything).
 */
export function codeRanges(source: string): Range[] {
  const tokens = parser.parse(source, {});
  const starts = lineStarts(source);
  const ranges: Range[] = [];
  let map: [number, number] | undefined;
  let cursor = 0;
  for (const token of tokens) {
    if (token.map) {
      if (!map || token.map[0] !== map[0]) cursor = 0;
      map = token.map as [number, number];
    }
    if ((token.type === "fence" || token.type === "code_block") && token.map) {
      ranges.push([starts[token.map[0]]!, starts[token.map[1]]! - 1]);
    } else if (token.type === "inline" && map) {
      const placed = spanRanges(token, source, starts, map, cursor);
      ranges.push(...placed.ranges);
      cursor = placed.end;
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}
