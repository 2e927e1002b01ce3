import { execFileSync } from "node:child_process";
import { decodeHTML } from "entities";

/** GitHub's own Markdown renderer (Debian's cmark-gfm), with the extensions github.com enables. */
export function renderGfm(markdown: string): string {
  return execFileSync(
    "cmark-gfm",
    ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tasklist", "--unsafe"],
    { input: markdown, encoding: "utf8" },
  );
}

/** What a rendered page holds: text nodes outside code (decoded as a browser does) and the tags. */
export interface RenderedPage {
  /** Text outside `<code>` and `<pre>`, where GitHub looks for mentions. */
  text: string;
  /** Every tag name, lower case, opening and closing (`details`, `/details`). */
  tags: string[];
}

const TOKEN = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s[^>]*)?\/?>|[^<]+|</g;

/** Splits rendered HTML into text and tags; text inside code and pre is left out. */
export function readRendered(html: string): RenderedPage {
  const tags: string[] = [];
  let text = "";
  let inCode = 0;
  for (const match of html.matchAll(TOKEN)) {
    const [token, closing, name] = match;
    if (name) {
      const tag = name.toLowerCase();
      tags.push(`${closing}${tag}`);
      if (tag === "code" || tag === "pre") inCode += closing ? -1 : 1;
      // Tag boundaries split text nodes: GitHub matches mentions within one text node.
      text += "\n";
    } else if (!token.startsWith("<!--") && inCode === 0) {
      text += token === "<" ? "<" : decodeHTML(token);
    }
  }
  return { text, tags };
}

/**
 * GitHub's user and team mention pattern, made stricter: any `@` directly followed by a letter or
 * digit counts, whatever precedes it (github.com links `a/@alice` and `@@alice`, unlike the
 * html-pipeline pattern that requires a non-word character before the `@`).
 */
export const LIVE_MENTION = /@[A-Za-z0-9]/;
