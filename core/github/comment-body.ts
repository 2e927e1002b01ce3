import type { Nodes } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

/** GitHub rejects issue and pull request comment bodies longer than this (characters). */
export const GITHUB_COMMENT_LIMIT = 65_536;

/**
 * HTML tags a report may use, exactly as written (no attributes, so no `href`, `src`, `style` or event
 * handlers). Every other `<` in raw HTML is escaped to `&lt;`.
 */
const SAFE_TAG =
  /^<\/?(?:details|summary|br|hr|p|b|strong|i|em|sub|sup|code|kbd|ul|ol|li|table|thead|tbody|tr|th|td)\s*\/?>|^<details open>/i;

/** `@user` or `@org/team` where GitHub would notify: not preceded by a word character, `` ` `` or `/`. */
const MENTION = /(^|[^\w`/@])@(?=[A-Za-z0-9])/g;
/** Zero-width joiner: renders nothing, but breaks GitHub's mention (and team notification) pattern. */
const ZERO_WIDTH_JOINER = "\u200d";
/** C0 controls other than tab and newline, and DEL: never meaningful in a report. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are removed.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

const parser = unified().use(remarkParse).use(remarkGfm);

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** `&#64;`, `&#x40;` and `&commat;` render as `@` and would mention too. */
const ENCODED_AT = /&(?:#0*64|#x0*40|commat);(?=[A-Za-z0-9])/gi;

/** Stops `@someone` (or `@org/team`) from notifying anyone, keeping the text readable. */
export function neutralizeMentions(text: string): string {
  return text.replace(ENCODED_AT, `@${ZERO_WIDTH_JOINER}`).replace(MENTION, `$1@${ZERO_WIDTH_JOINER}`);
}

/** Escapes every `<` of raw HTML except the start of an allowed tag; mentions inside are neutralised. */
export function escapeHtml(html: string): string {
  let out = "";
  for (let index = 0; index < html.length; index++) {
    const char = html[index]!;
    out += char === "<" && !SAFE_TAG.test(html.slice(index, index + 20)) ? "&lt;" : char;
  }
  return neutralizeMentions(out);
}

/** Collects edits for raw HTML and text nodes; code (inline and fenced) is left as written. */
function collectEdits(node: Nodes, source: string, edits: Edit[]): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if ((node.type === "html" || node.type === "text") && start !== undefined && end !== undefined) {
    const slice = source.slice(start, end);
    const text = node.type === "html" ? escapeHtml(slice) : neutralizeMentions(slice);
    if (text !== slice) edits.push({ start, end, text });
    return;
  }
  if ("children" in node) for (const child of node.children) collectEdits(child as Nodes, source, edits);
}

/** Applies non-overlapping edits, last first so offsets stay valid. */
function applyEdits(source: string, edits: readonly Edit[]): string {
  let out = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

/** True when the Markdown still holds raw HTML outside the allow-list or a live mention (outside code). */
export function hasUnsafeMarkdown(markdown: string): boolean {
  const edits: Edit[] = [];
  collectEdits(parser.parse(markdown), markdown, edits);
  return edits.length > 0;
}

/**
 * Makes untrusted Markdown (a report built from pull request files) safe to post as a comment:
 * raw HTML escaped except a few attribute-free tags, HTML comments (so any fake marker) escaped,
 * `@mentions` of users and teams neutralised, control characters dropped, CRLF normalised.
 * Code spans and blocks are kept verbatim (GitHub renders them as text). If the result still parses
 * with unsafe HTML (a parser disagreement), every `<` is escaped as a last resort.
 */
export function sanitizeMarkdown(markdown: string): string {
  const source = markdown.replace(/\r\n?/g, "\n").replace(CONTROL, "");
  const edits: Edit[] = [];
  collectEdits(parser.parse(source), source, edits);
  const result = applyEdits(source, edits);
  return hasUnsafeMarkdown(result) ? neutralizeMentions(result.replaceAll("<", "&lt;")) : result;
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
 * Sanitises then size-limits a comment body. Cutting can expose what a code span protected (an
 * unclosed backtick), so the cut text is sanitised again until it is both safe and within `limit`.
 */
export function prepareCommentBody(markdown: string, limit: number, note: string): string {
  // Sanitising only grows text, so nothing past `limit` raw characters could fit: cut before parsing.
  let body = sanitizeMarkdown(markdown.length > limit ? truncateMarkdown(markdown, limit, note) : markdown);
  for (let attempt = 0; attempt < 4 && body.length > limit; attempt++) {
    body = sanitizeMarkdown(truncateMarkdown(body, limit - attempt * 1024, note));
  }
  return body.length > limit ? neutralizeMentions(body.replaceAll("<", "&lt;")).slice(0, limit) : body;
}
