import { describe, expect, it } from "vitest";
import { renderCardBody } from "../../site/lib/markdown.ts";

describe("renderCardBody", () => {
  it("renders GitHub Flavored Markdown", async () => {
    const html = await renderCardBody("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n~~old~~");
    expect(html).toBe(
      "<h3>Title</h3>\n<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n" +
        '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n</ul>\n<p><del>old</del></p>',
    );
  });

  it("drops scripts, event handlers, iframes and javascript: links", async () => {
    const html = await renderCardBody(
      [
        "Hello <script>window.__pwned = 1</script>",
        "",
        '<img src="x" onerror="window.__pwned = 2">',
        "",
        "[click](javascript:window.__pwned=3)",
        "",
        '<iframe src="https://example.com"></iframe>',
        "",
        '<a href="https://example.com" onclick="window.__pwned=4">raw link</a>',
        "",
        "![pic](javascript:alert(1))",
      ].join("\n"),
    );
    expect(html).not.toMatch(/<script|onerror|onclick|<iframe|javascript:/i);
    // The script's text stays as inert text; the elements and attributes are gone.
    expect(html).toBe('<p>Hello window.__pwned = 1</p>\n<p><a>click</a></p>\n<p>raw link</p>\n<p><img alt="pic"></p>');
  });

  it("shifts headings under the page's own and never skips a level", async () => {
    const html = await renderCardBody("## Intended use\n\n#### Deep\n\n## Limitations", { topHeading: 3 });
    expect(html).toBe("<h3>Intended use</h3>\n<h4>Deep</h4>\n<h3>Limitations</h3>");
  });

  it("prefixes user ids so a card cannot clobber the page's own", async () => {
    const html = await renderCardBody("Text[^1]\n\n[^1]: Note");
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).toContain('href="#user-content-fn-1" id="user-content-fnref-1"');
  });

  it("points relative links at the card's source folder, or makes them text", async () => {
    const markdown = "[train](train.ts) and ![plot](plot.png) and [site](https://example.com) and [top](#intended-use)";
    expect(await renderCardBody(markdown, { sourceBase: "https://github.com/o/r/blob/main/models/m/" })).toBe(
      '<p><a href="https://github.com/o/r/blob/main/models/m/train.ts">train</a> and <img src="https://github.com/o/r/blob/main/models/m/plot.png?raw=true" alt="plot"> and <a href="https://example.com">site</a> and <a href="#intended-use">top</a></p>',
    );
    expect(await renderCardBody(markdown)).toBe(
      '<p><span>train</span> and <span>plot</span> and <a href="https://example.com">site</a> and <a href="#intended-use">top</a></p>',
    );
  });
});
