import { codeRanges, type Range } from "./code-ranges.ts";
import { dropInvisible, escapeEverything, escapeHtml, unclosedDetails } from "./neutralize.ts";

export { escapeHtml, neutralizeMentions } from "./neutralize.ts";

/** GitHub rejects issue and pull request comment bodies longer than this (characters). */
export const GITHUB_COMMENT_LIMIT = 65_536;
/**
 * Longest text given to the Markdown parser (a job summary may hold up to 1 MiB): longer text is
 * sanitised by escaping alone, so the work stays bounded (figures: scripts/bench-sanitizer.ts).
 */
export const MAX_PARSED_LENGTH = 128 * 1024;
/** Most `[` given to the parser: markdown-it's link and image scanning is quadratic in them. */
export const MAX_PARSED_BRACKETS = 4096;
/** Cuts tried before escaping everything (each removes what sanitising added past the limit). */
const MAX_CUTS = 6;
/** Sanitising passes before giving up on a fixed point. */
const MAX_PASSES = 3;

/** Text outside code: raw HTML escaped but for allowed tags, every `@` neutralised, `![` not an image. */
function sanitizeText(text: string): string {
  return escapeHtml(text).replaceAll("![", "!\\[");
}

/** One pass: text between the code ranges sanitised, code kept verbatim, `<details>` closed. */
function sanitizeOnce(source: string, code: readonly Range[]): string {
  const parts: string[] = [];
  const text: string[] = [];
  let at = 0;
  for (const [start, end] of code) {
    if (start < at) continue;
    const outside = sanitizeText(source.slice(at, start));
    text.push(outside);
    parts.push(outside, source.slice(start, end));
    at = end;
  }
  const tail = sanitizeText(source.slice(at));
  text.push(tail);
  parts.push(tail);
  return parts.join("") + "\n\n</details>".repeat(unclosedDetails(text));
}

function countOf(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++;
  return count;
}

/** The code ranges, or undefined when the text is too long to parse or the parser fails. */
function parse(markdown: string): Range[] | undefined {
  if (markdown.length > MAX_PARSED_LENGTH || countOf(markdown, "[") > MAX_PARSED_BRACKETS) return undefined;
  try {
    return codeRanges(markdown);
  } catch {
    return undefined;
  }
}

/**
 * True when the Markdown still holds, outside code, raw HTML beyond the allow-list, a live mention,
 * an image or an unclosed `<details>`, or cannot be parsed within bounds.
 */
export function hasUnsafeMarkdown(markdown: string): boolean {
  const code = parse(markdown);
  return code === undefined || sanitizeOnce(markdown, code) !== markdown;
}

/**
 * Makes untrusted Markdown (a report built from pull request files) safe to post as a comment:
 * raw HTML escaped except a few attribute-free tags, HTML comments (so any fake marker) escaped,
 * every `@` (literal or a character reference) neutralised outside code, images turned into links,
 * an unclosed `<details>` closed, control and bidirectional characters dropped, CRLF normalised.
 * Code spans and blocks are kept verbatim (GitHub renders them as text). Text too long to parse, or
 * that does not reach a fixed point, has every `<`, `@` and `![` escaped instead.
 */
export function sanitizeMarkdown(markdown: string): string {
  let text = dropInvisible(markdown);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const code = parse(text);
    if (code === undefined) return escapeEverything(text);
    const next = sanitizeOnce(text, code);
    if (next === text) return text;
    text = next;
  }
  return hasUnsafeMarkdown(text) ? escapeEverything(text) : text;
}

/** The note appended when a body is cut to fit GitHub's limit. */
export function truncationNote(where: string): string {
  return `\n\n> [!NOTE]\n> This report was truncated to fit GitHub's comment size limit. ${where}\n`;
}

/**
 * Cuts Markdown to at most `limit` characters including `note`: at a line boundary, never inside a
 * surrogate pair, closing a fenced code block left open so the note renders as text.
 */
export function truncateMarkdown(markdown: string, limit: number, note: string): string {
  if (markdown.length <= limit) return markdown;
  let budget = limit - note.length;
  for (let attempt = 0; attempt < 3 && budget > 0; attempt++) {
    let cut = budget;
    const lineEnd = markdown.lastIndexOf("\n", cut);
    if (lineEnd > cut / 2) cut = lineEnd;
    const code = markdown.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    const head = markdown.slice(0, cut);
    const open = openFence(head);
    const result = head + (open ? `\n${open}\n` : "") + note;
    if (result.length <= limit) return result;
    budget -= result.length - limit;
  }
  return note.slice(0, limit);
}

/** The fence (e.g. ```` ``` ```` or `~~~~`) of a code block still open at the end of `markdown`, or "". */
export function openFence(markdown: string): string {
  let open = "";
  for (const line of markdown.split("\n")) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!fence) continue;
    if (!open) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = "";
  }
  return open;
}

/**
 * Sanitises then size-limits a comment body. The body is cut before it is parsed (sanitising only
 * grows text, so nothing past `limit` raw characters could fit); cutting can expose what a code span
 * protected (an unclosed backtick), so the cut text is sanitised again. The trusted `note` goes after
 * the sanitised text, outside any `<details>` the text opened, so it is always visible.
 */
export function prepareCommentBody(markdown: string, limit: number, note: string): string {
  if (markdown.length <= limit) {
    const whole = sanitizeMarkdown(markdown);
    if (whole.length <= limit) return whole;
  }
  let budget = limit - note.length;
  for (let attempt = 0; attempt < MAX_CUTS && budget > 0; attempt++) {
    const body = sanitizeMarkdown(truncateMarkdown(markdown, budget, "")) + note;
    if (body.length <= limit) return body;
    budget -= body.length - limit; // what sanitising added past the limit, cut from the source
  }
  return escapeEverything(markdown).slice(0, Math.max(0, limit - note.length)) + note;
}
