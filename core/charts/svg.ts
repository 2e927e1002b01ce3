import { FONT } from "./palette.ts";

/** Decimals kept in geometry: a hundredth of a pixel is invisible and halves the path text. */
const GEOMETRY_DECIMALS = 2;

/**
 * Attributes Vega writes that change nothing in a static image (defaults, interaction,
 * per-mark ARIA), and empty shapes it emits for group backgrounds: one alternation, so
 * the SVG is scanned once rather than once per pattern.
 */
const NOISE = new RegExp(
  [
    ' (?:class|aria-roledescription|font-family)="[^"]*"',
    ' aria-hidden="true"',
    ' role="graphics-[a-z]+"',
    ' pointer-events="none"',
    ' opacity="1"',
    ' stroke-miterlimit="4"',
    ' version="1\\.1"',
    ' transform="translate\\(0,0\\)"',
  ].join("|"),
  "g",
);

/** Empty shapes (after the attributes above are gone). */
const EMPTY_SHAPES = /<path d="(?:M0,0h0v0h0Z)?"(?: display="none")?\/>/g;

/** Attributes of `<line>` equal to SVG's defaults (Vega's groups never set stroke-width, so nothing is inherited). */
const DEFAULT_LINE_ATTRIBUTES = / (?:x1|y1|x2|y2)="0"| stroke-width="1"/g;

const GEOMETRY_ATTRIBUTE = /(\s(?:d|transform|x|y|x1|x2|y1|y2|width|height|points|cx|cy|r)=")([^"]*)"/g;
const LONG_DECIMAL = new RegExp(`-?\\d+\\.\\d{${GEOMETRY_DECIMALS + 1},}`, "g");

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function roundNumber(match: string): string {
  return String(Number(Number(match).toFixed(GEOMETRY_DECIMALS)));
}

/**
 * Shrinks Vega's SVG without changing what it draws: drops default and interaction-only
 * attributes, empty shapes and groups, sets the font once on the root and rounds geometry
 * to 0.01 px. Typically halves the bytes, which keeps a model page under its budget.
 */
export function compactSvg(svg: string): string {
  let out = svg;
  out = out.replace(NOISE, "").replace(EMPTY_SHAPES, "");
  out = out.replace(/<line[^>]*>/g, (line) => line.replace(DEFAULT_LINE_ATTRIBUTES, ""));
  out = out.replace(
    GEOMETRY_ATTRIBUTE,
    (_, head: string, value: string) => `${head}${value.replace(LONG_DECIMAL, roundNumber)}"`,
  );
  out = out.replace(
    / xmlns:xlink="[^"]*"/,
    out.includes("xlink:") ? ' xmlns:xlink="http://www.w3.org/1999/xlink"' : "",
  );
  let previous = "";
  while (previous !== out) {
    previous = out;
    out = out.replace(/<g(?: transform="[^"]*")?><\/g>/g, "");
  }
  return out;
}

/**
 * Makes an SVG one accessible image: `role="img"`, an aria-label with the title and
 * description, and `<title>`/`<desc>` children for tools that read those instead.
 * No ids are added, so the same chart can appear twice on a page.
 */
export function labelSvg(svg: string, title: string, description: string): string {
  const label = escapeXml(`${title}. ${description}`);
  return svg.replace(
    /^<svg([^>]*)>/,
    (_, attributes: string) =>
      `<svg${attributes} role="img" aria-label="${label}" font-family="${escapeXml(FONT)}"><title>${escapeXml(title)}</title><desc>${escapeXml(description)}</desc>`,
  );
}
