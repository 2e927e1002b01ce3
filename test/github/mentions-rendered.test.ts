import { describe, expect, it } from "vitest";
import { prepareCommentBody, sanitizeMarkdown, truncationNote } from "../../core/github/comment-body.ts";
import { LIVE_MENTION, readRendered, renderGfm } from "../support/cmark.ts";

/** Ways to write a mention of `alice` (or a team) that a renderer may turn into a live `@alice`. */
const PAYLOADS = [
  "@alice",
  "@org/team",
  "@&#97;lice",
  "&#64;alice",
  "&#64;&#97;lice",
  "&#x40;alice",
  "&#X40;alice",
  "&#0064;alice",
  "&#64alice",
  "&commat;alice",
  "&commat;&#x61;lice",
  "@@alice",
  "a/@alice",
  "x@alice",
  "_@alice_",
  "\\@alice",
  "`@alice",
  "``@alice`",
  "@\u202ealice",
  "@<b></b>alice",
  "**@**alice",
  "[@alice](https://example.com)",
  "https://example.com/@alice",
  "www.example.com/@alice",
];

/** Places in a document where a payload can stand; `$` is the payload. */
const CONTEXTS = [
  "$",
  "text before $ and after",
  "*$*",
  "**$**",
  "~~$~~",
  "# $",
  "- $",
  "1. $",
  "> $",
  "> - > $",
  "| a | b |\n|---|---|\n| $ | x |",
  "| a |\n|---|\n| `code | $` |",
  "[link $](https://example.com)",
  "[ref $]\n\n[ref $]: https://example.com",
  "footnote[^1]\n\n[^1]: $",
  "<details>\n<summary>$</summary>\n\n$\n\n</details>",
  "<details>\n`$`\n</details>",
  "<details>$</details>",
  "<b>$</b>",
  "<p>\n$\n</p>",
  "an unmatched ` backtick then $",
  "``` unclosed fence` then $",
  "- [ ] $",
  "$\n===",
  "![$](https://example.com/pixel.png)",
  "<!-- $ -->",
  "text <span title='$'>$</span>",
  "<table><tr><td>$</td></tr></table>",
];

const cases = CONTEXTS.flatMap((context) => PAYLOADS.map((payload) => [context.replaceAll("$", payload)] as const));

describe("sanitised Markdown rendered by cmark-gfm", () => {
  it("the matrix holds payloads that are live mentions without the sanitiser", () => {
    const live = cases.filter(([markdown]) => LIVE_MENTION.test(readRendered(renderGfm(markdown)).text));
    // Most cases ping someone when posted as written, so the check below is a real one.
    expect(live.length).toBeGreaterThan(cases.length / 2);
  });

  it.each(cases)("leaves no live mention, image or unclosed details: %j", (markdown) => {
    const page = readRendered(renderGfm(sanitizeMarkdown(markdown)));
    expect(page.text).not.toMatch(LIVE_MENTION);
    expect(page.tags).not.toContain("img");
    const opened = page.tags.filter((tag) => tag === "details").length;
    expect(page.tags.filter((tag) => tag === "/details").length).toBe(opened);
  });

  it("keeps a real code span as written", () => {
    expect(renderGfm(sanitizeMarkdown("run `npm i pkg@1.2` now"))).toBe("<p>run <code>npm i pkg@1.2</code> now</p>\n");
  });

  it.each([
    "| a | b |\n|---|---|\n| `x<y @a` | `b` |",
    "> quote `a<b\n> c@d` end",
    "# head `a<b` ##",
    "- item `@x`\n  - nested `<y>`",
    "```\n<b>@x</b>\n```",
    "    indented <b>@x</b>",
    "1. `![img](x)` and ``a`b<c``",
  ])("renders code exactly as without the sanitiser: %j", (markdown) => {
    expect(renderGfm(sanitizeMarkdown(markdown))).toBe(renderGfm(markdown));
  });

  it("keeps the truncation note outside an unclosed <details>", () => {
    const note = truncationNote("See the run.");
    const body = prepareCommentBody(`<details>\n\n${"row\n".repeat(100)}`, 200, note);
    const html = renderGfm(body);
    const noteAt = html.indexOf("This report was truncated");
    expect(noteAt).toBeGreaterThan(html.lastIndexOf("</details>"));
  });

  it("drops bidirectional controls", () => {
    expect(sanitizeMarkdown("a\u202eb\u2066c\u2069d\u200fe")).toBe("abcde");
  });
});
