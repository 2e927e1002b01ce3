import { describe, expect, it } from "vitest";
import {
  hasUnsafeMarkdown,
  neutralizeMentions,
  openFence,
  prepareCommentBody,
  sanitizeMarkdown,
  truncateMarkdown,
} from "../../core/github/comment-body.ts";

const ZWJ = "\u200d";

describe("sanitizeMarkdown", () => {
  it("neutralises every @ outside code, e-mail addresses included, and leaves code as written", () => {
    expect(sanitizeMarkdown("ping @alice, @org/team and bob@example.com; `@codeowner`")).toBe(
      `ping @${ZWJ}alice, @${ZWJ}org/team and bob@${ZWJ}example.com; \`@codeowner\``,
    );
  });

  it("neutralises mentions written with entities or a backslash", () => {
    expect(sanitizeMarkdown("&#64;alice &#x40;bob &commat;carol \\@dave")).toBe(
      `@${ZWJ}alice @${ZWJ}bob @${ZWJ}carol \\@${ZWJ}dave`,
    );
  });

  it("keeps the report's attribute-free HTML and escapes everything else", () => {
    const input = [
      "<details open>",
      "<summary>Metrics</summary>",
      "",
      "a<br>b <sub>1</sub>",
      "",
      "</details>",
      '<a href="https://evil.example">click</a> <script>alert(1)</script>',
      '<details onclick="x()">',
    ].join("\n");
    expect(sanitizeMarkdown(input)).toBe(
      [
        "<details open>",
        "<summary>Metrics</summary>",
        "",
        "a<br>b <sub>1</sub>",
        "",
        "</details>",
        '&lt;a href="https://evil.example">click&lt;/a> &lt;script>alert(1)&lt;/script>',
        '&lt;details onclick="x()">',
      ].join("\n"),
    );
  });

  it("escapes HTML comments, so a fake marker is visible text", () => {
    expect(sanitizeMarkdown("x\n\n<!-- almanac-report -->\n")).toBe("x\n\n&lt;!-- almanac-report -->\n");
  });

  it("leaves fenced code (mermaid included) verbatim", () => {
    const input = "```mermaid\nxychart-beta\n  bar [1, 2]\n```\n\n```html\n<b onclick=x>@alice</b>\n```\n";
    expect(sanitizeMarkdown(input)).toBe(input);
  });

  it("drops control characters and normalises line endings", () => {
    expect(sanitizeMarkdown("a\r\nb\u0000c\u001b[31m")).toBe("a\nbc[31m");
  });

  it("is idempotent and leaves nothing unsafe", () => {
    const once = sanitizeMarkdown("@a <img src=x> `<b>` <!-- c -->");
    expect(sanitizeMarkdown(once)).toBe(once);
    expect(hasUnsafeMarkdown(once)).toBe(false);
  });
});

describe("neutralizeMentions", () => {
  it("makes no exception for what precedes the @, and is idempotent", () => {
    const once = neutralizeMentions("https://x.test/@user `@x` a@b @@c &#64d &#x40;e &commat;f");
    expect(once).toBe(`https://x.test/@${ZWJ}user \`@${ZWJ}x\` a@${ZWJ}b @${ZWJ}@${ZWJ}c @${ZWJ}d @${ZWJ}e @${ZWJ}f`);
    expect(neutralizeMentions(once)).toBe(once);
  });
});

describe("bounded work on hostile bodies", () => {
  it("65,000 '>' neither overflow the stack nor leave anything unsafe", () => {
    const body = prepareCommentBody(">".repeat(65_000), 65_536, "\n[cut]");
    expect(hasUnsafeMarkdown(body)).toBe(false);
  });

  it("'*a' × 65,000 is sanitised without the quadratic emphasis pass (a slow parser times this test out)", () => {
    const body = prepareCommentBody("*a @b ".repeat(65_000), 65_536, "\n[cut]");
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).not.toMatch(/@b/);
  });

  it("a body too long to parse is escaped instead: no tag, no mention, no image", () => {
    const long = `<img src=x> @alice ![p](https://x.test/p.png) \`<b>\`\n${"word ".repeat(30_000)}`;
    const out = sanitizeMarkdown(long);
    expect(out.startsWith(`&lt;img src=x> @${ZWJ}alice !\\[p](https://x.test/p.png) \`&lt;b>\``)).toBe(true);
  });
});

describe("truncateMarkdown", () => {
  it("cuts at a line boundary and appends the note", () => {
    expect(truncateMarkdown("line one\nline two\nline three\n", 20, "\n…")).toBe("line one\nline two\n…");
  });

  it("closes a fenced block left open by the cut", () => {
    const input = `intro\n\n\`\`\`\`text\n${"x\n".repeat(50)}\`\`\`\`\n`;
    const cut = truncateMarkdown(input, 60, "\nNOTE");
    expect(cut).toBe(`intro\n\n\`\`\`\`text\n${"x\n".repeat(16)}x\n\`\`\`\`\n\nNOTE`);
    expect(cut.length).toBeLessThanOrEqual(60);
    expect(openFence(cut)).toBe("");
  });

  it("never splits a surrogate pair", () => {
    const cut = truncateMarkdown("😀".repeat(40), 21, "!");
    expect(cut).toBe(`${"😀".repeat(10)}!`);
  });
});

describe("prepareCommentBody", () => {
  it("re-sanitises HTML that a cut exposes from an unclosed code span", () => {
    const input = `${"word ".repeat(10)}\`<script>x</script> ${"y".repeat(200)}\`\n`;
    const body = prepareCommentBody(input, 90, "\n[cut]");
    expect(body).toBe(`${"word ".repeat(10)}\`&lt;script>x&lt;/script> ${"y".repeat(8)}\n[cut]`);
    expect(body.length).toBeLessThanOrEqual(90);
  });

  it("passes a body under the limit through the sanitiser only", () => {
    expect(prepareCommentBody("## Report @team", 100, "!")).toBe(`## Report @${ZWJ}team`);
  });
});
