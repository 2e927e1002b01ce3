import type { Element, ElementContent, Root, RootContent } from "hast";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

/** Options for rendering a card body. */
export interface CardBodyOptions {
  /**
   * Where relative links in the card point: the card's folder on the code host, e.g.
   * `https://github.com/o/r/blob/main/models/churn/`. Without it, relative links
   * become plain text (the site has no page for `train.py`).
   */
  sourceBase?: string;
  /** Heading level the card's top heading becomes (the page's own sections are one above). */
  topHeading?: number;
}

/**
 * GitHub's schema, without a second id prefix: the only ids in a card come from
 * remark-rehype's footnotes, which already carry `user-content-` (prefixing twice would
 * break the footnote links).
 */
const SANITIZE_SCHEMA = { ...defaultSchema, clobberPrefix: "" };

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:|^\/\/|^#/i;

/** Moves headings so the card's top level lands at `top`, and never skips a level after that (axe heading-order). */
function shiftHeadings(tree: Root, top: number): void {
  const headings = collect(tree, (node) => /^h[1-6]$/.test(node.tagName));
  const levels = headings.map((node) => Number(node.tagName[1]));
  const shift = top - Math.min(...levels, 6);
  let previous = top - 1;
  for (const [index, node] of headings.entries()) {
    const level = Math.min(6, Math.max(top, (levels[index] ?? top) + shift), previous + 1);
    node.tagName = `h${level}`;
    previous = level;
  }
}

/** Rewrites relative link and image targets against the source base, or drops them. */
function rewriteRelative(tree: Root, sourceBase?: string): void {
  for (const node of collect(tree, (element) => element.tagName === "a" || element.tagName === "img")) {
    const key = node.tagName === "a" ? "href" : "src";
    const target = node.properties[key];
    if (typeof target !== "string" || ABSOLUTE_URL.test(target)) continue;
    if (sourceBase) {
      node.properties[key] = new URL(target, sourceBase).href + (node.tagName === "img" ? "?raw=true" : "");
    } else if (node.tagName === "a") {
      node.tagName = "span";
      node.properties = {};
    } else {
      replaceWithText(node, String(node.properties.alt ?? ""));
    }
  }
}

function replaceWithText(node: Element, text: string): void {
  node.tagName = "span";
  node.properties = {};
  node.children = [{ type: "text", value: text }];
}

function collect(tree: Root | Element, test: (node: Element) => boolean): Element[] {
  const found: Element[] = [];
  const walk = (nodes: (RootContent | ElementContent)[]) => {
    for (const node of nodes) {
      if (node.type !== "element") continue;
      if (test(node)) found.push(node);
      walk(node.children);
    }
  };
  walk(tree.children);
  return found;
}

/** The pipeline, built once: per-card options travel in the file's data. */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: false })
  .use(() => (tree: Root, file: { data: Record<string, unknown> }) => {
    const options = (file.data.card ?? {}) as CardBodyOptions;
    rewriteRelative(tree, options.sourceBase);
    shiftHeadings(tree, options.topHeading ?? 3);
  })
  .use(rehypeSanitize, SANITIZE_SCHEMA)
  .use(rehypeStringify)
  .freeze();

/**
 * Renders a model card body (user content from pull requests) to safe HTML: GitHub
 * Flavored Markdown, raw HTML dropped (never parsed into elements), then sanitised with
 * GitHub's schema (no scripts, event handlers, iframes or `javascript:` URLs; ids
 * prefixed `user-content-`). Headings shift under the page's own.
 */
export async function renderCardBody(markdown: string, options: CardBodyOptions = {}): Promise<string> {
  return String(await processor.process({ value: markdown, data: { card: options } }));
}
