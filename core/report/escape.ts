/**
 * Escaping of user-supplied text (card fields, model, column and group names, commit
 * subjects) for every place a report puts it. One function per context; each is pure.
 */

/** C0 control characters except tab and newline, DEL and C1 controls (terminal escapes). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidirectional overrides that can make text display differently from what it is. */
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
/** Zero-width joiner: invisible, and stops GitHub from turning `@name` into a mention. */
const ZERO_WIDTH_JOINER = "\u200d";

/** Text for a terminal: control characters (ANSI escapes) and bidi overrides removed, one line. */
export function sanitizeTerminal(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, " ")
    .replace(CONTROL, "")
    .replace(BIDI, "");
}

/**
 * Text inside Markdown (a paragraph, a list item, a table cell): characters that start inline
 * Markdown (emphasis, links, images, code, strike-through, table pipes) are backslash-escaped,
 * `&`, `<` and `>` become entities (no HTML, no entity tricks), `http://` and `www.` are broken
 * so they do not autolink, newlines become spaces, and `@mentions` are broken so a card cannot
 * ping people. Ids such as `churn-v2` and versions such as `1.2.0` come out unchanged.
 */
export function escapeMarkdown(text: string): string {
  return breakMentions(
    sanitizeTerminal(text)
      .replace(/[\\`*_[\]~!#|]/g, (char) => `\\${char}`)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/:\/\//g, ":\\/\\/")
      .replace(/\bwww\./gi, (match) => `${match.slice(0, -1)}\\.`),
  );
}

/**
 * Text inside an HTML element of the comment (`<summary>`): GitHub does not process Markdown
 * there, so only HTML entities are used, and mentions are broken.
 */
export function escapeHtml(text: string): string {
  return breakMentions(
    sanitizeTerminal(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;"),
  );
}

/** Breaks `@name` (and `@org/team`) with an invisible joiner so GitHub does not notify anyone. */
export function breakMentions(text: string): string {
  return text.replace(/@(?=[A-Za-z0-9])/g, `@${ZERO_WIDTH_JOINER}`);
}

/**
 * Text inside a Markdown code span: backticks cannot be escaped there, so the span is
 * fenced with more backticks than the text contains. Control characters are removed.
 */
export function markdownCode(text: string): string {
  const clean = sanitizeTerminal(text).replace(/\|/g, "¦");
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") || clean === "" ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/**
 * A label inside a Mermaid diagram (a quoted x-axis category or title). Mermaid has no escape
 * for `"` inside quotes and interprets `#…;` entities and some HTML, so only a safe alphabet
 * is kept: letters, digits, space and `._-+/()@` (everything else becomes `_`), and length
 * is capped. Labels are for display only; the table beside the chart holds the exact text.
 */
export function mermaidLabel(text: string, max = 40): string {
  const safe = sanitizeTerminal(text).replace(/[^\p{L}\p{N} ._+/()@-]/gu, "_");
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}

/** An absolute http(s) URL safe to put in a Markdown link, or undefined. */
export function safeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  return parsed.href.replace(/[()<>\s"']/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
