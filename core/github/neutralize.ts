/**
 * Text-level defences for Markdown that GitHub renders from untrusted input: mentions that cannot
 * notify, raw HTML limited to a few attribute-free tags, and no invisible control or bidirectional
 * characters. They work on source text, so they are safe to apply anywhere outside real code spans.
 */

/** Zero-width joiner: renders nothing, but breaks GitHub's mention (and team notification) pattern. */
export const ZERO_WIDTH_JOINER = "\u200d";

/**
 * HTML tags a report may use, exactly as written (no attributes, so no `href`, `src`, `style` or event
 * handlers). Every other `<` in raw HTML is escaped to `&lt;`.
 */
const SAFE_TAG =
  /^<\/?(?:details|summary|br|hr|p|b|strong|i|em|sub|sup|code|kbd|ul|ol|li|table|thead|tbody|tr|th|td)\s*\/?>|^<details open>/i;

/**
 * C0 controls other than tab and newline, DEL, and the bidirectional controls (U+061C, U+200E,
 * U+200F, U+202A–U+202E, U+2066–U+2069) that can make a report read differently from what it says.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point: they are removed.
  /[\u0000-\u0008\u000b-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Every way source text can put an `@` on the page: the character itself (not already followed by
 * the joiner) and its character references, with or without the final `;` (HTML decodes `&#64` too).
 */
const AT_SIGN = /@(?!\u200d)|&#0*64(?![0-9]);?|&#x0*40(?![0-9a-f]);?|&commat;?/gi;

/** Removes control and bidirectional formatting characters; normalises line endings. */
export function dropInvisible(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(INVISIBLE, "");
}

/**
 * Stops `@someone` (or `@org/team`) from notifying anyone: every `@`, literal or encoded, becomes `@`
 * followed by a zero-width joiner. No "preceded by" exceptions: an e-mail address loses its link,
 * which is harmless, while any exception is a way to ping. Idempotent.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(AT_SIGN, `@${ZERO_WIDTH_JOINER}`);
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

/**
 * The last resort when the Markdown cannot be parsed within bounds: no raw HTML at all, no mention,
 * no image (`![` loses its meaning), wherever they are, code included. Linear time.
 */
export function escapeEverything(markdown: string): string {
  return neutralizeMentions(dropInvisible(markdown).replaceAll("<", "&lt;").replaceAll("![", "!\\["));
}

/** `<details>` opened in raw HTML and not closed again (negative counts are treated as zero). */
export function unclosedDetails(htmlFragments: readonly string[]): number {
  let open = 0;
  for (const fragment of htmlFragments) {
    open += (fragment.match(/<details(?: open)?\s*>/gi) ?? []).length;
    open -= (fragment.match(/<\/details\s*>/gi) ?? []).length;
  }
  return Math.max(0, open);
}
