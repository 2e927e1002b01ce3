import { describe, expect, it } from "vitest";
import { COMMENT_LIMIT, REPORT_MARKER, renderReportMarkdown, verdictLine } from "../../core/report/markdown.ts";
import { trendAxis } from "../../core/report/mermaid.ts";
import { improvedModel, sampleDiff } from "./sample-diff.ts";

const EXPECTED = `<!-- almanac-report -->
**✅ Almanac: no regression · 1 improved**

Compared \`origin/main\` (\`eeeeeee\`) → \`HEAD\` (\`ddddddd\`) · 1 model affected

<details>
<summary>✅ <b>churn</b>: accuracy improved: 0.8095 → 0.856 (+0.0465, paired interval [+0.0235, +0.07])</summary>

**v1.0.0 → v1.1.0** · changed · models/churn/model.md changed · [catalogue page](https://acme.github.io/models/models/churn/)

| Metric | Base | Head | Δ | Δ % | 95% interval of Δ | Verdict |
|---|---:|---:|---:|---:|---|---|
| **accuracy** (primary) | 0.8095 | 0.856 | +0.0465 | +5.7% | [+0.0235, +0.07] paired | ▲ improved |
| log\\_loss | 0.41 | 0.405 | −0.005 | −1.2% | [−0.012, +0.002] paired | unchanged (within noise) |

Intervals: paired on the same 2,000 test rows; paired bootstrap (accuracy), paired delta method (log\\_loss).

**Gates**

| Result | Metric | Gate | Bound | Detail |
|---|---|---|---:|---|
| ✅ pass | accuracy | min | 0.7 | accuracy 0.856 ≥ min 0.7 |
| ✅ pass | accuracy | max_drop | 0.02 | accuracy did not worsen (+0.0465) from 0.8095 to 0.856 (max\\_drop 0.02) |

**Fairness**

| Column | Measure | Base | Head | Δ | Verdict |
|---|---|---:|---:|---:|---|
| group | primary_metric_gap | 0.02 | 0.015 | −0.005 | ▲ narrowed |

**Card changes**

| Field | Base | Head |
|---|---|---|
| version | 1.0.0 | 1.1.0 |

**accuracy across versions**

\`\`\`mermaid
xychart-beta
    title "accuracy across versions"
    x-axis ["1.0.0", "1.1.0"]
    y-axis "accuracy" 0.78995 --> 0.87555
    line [0.8095, 0.856]
\`\`\`

| Version | accuracy | Commit |
|---|---:|---|
| 1.0.0 | 0.8095 | \`aaaaaaa\` |
| 1.1.0 (this change) | 0.856 | \`bbbbbbb\` |

</details>

<sub>Almanac report. Unchanged means the interval of the change contains 0. Legend: ✅ improved.</sub>
`;

describe("renderReportMarkdown", () => {
  it("renders the comment exactly: marker, verdict, refs, one section per model", () => {
    expect(renderReportMarkdown(sampleDiff(), { siteUrl: "https://acme.github.io/models/" })).toBe(EXPECTED);
  });

  it("puts the marker first and the one-line verdict second", () => {
    const lines = renderReportMarkdown(sampleDiff()).split("\n");
    expect(lines[0]).toBe(REPORT_MARKER);
    expect(lines[1]).toBe("**✅ Almanac: no regression · 1 improved**");
  });

  it("leads with gate failures, then regressions, and opens their sections", () => {
    const failed = improvedModel({
      model: "fraud",
      verdict: "failed",
      summary: "gate failed: accuracy 0.61 < min 0.7",
    });
    const regressed = improvedModel({ model: "spam", verdict: "regressed", summary: "accuracy regressed" });
    const result = sampleDiff([improvedModel(), regressed, failed]);
    expect(verdictLine(result)).toBe("❌ Almanac: gates failed for fraud · 1 failed · 1 regressed · 1 improved");
    expect(verdictLine(sampleDiff([improvedModel(), regressed]))).toBe(
      "⚠️ Almanac: spam regressed · 1 regressed · 1 improved",
    );
    const text = renderReportMarkdown(result);
    const order = ["<b>fraud</b>", "<b>spam</b>", "<b>churn</b>"].map((name) => text.indexOf(name));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text).toContain(
      "<details open>\n<summary>❌ <b>fraud</b>: gate failed: accuracy 0.61 &lt; min 0.7</summary>",
    );
    expect(text).toContain("<details>\n<summary>✅ <b>churn</b>");
  });

  it("says so when nothing is affected or nothing could be compared", () => {
    expect(verdictLine(sampleDiff([]))).toBe("✅ Almanac: no model is affected by this change");
    const failed = { ...sampleDiff([]), problems: ["ref 'nope' does not exist in this repository"] };
    const text = renderReportMarkdown(failed);
    expect(text).toBe(
      [
        REPORT_MARKER,
        "**❔ Almanac could not compare this change**",
        "",
        "Compared `origin/main` (`eeeeeee`) → `HEAD` (`ddddddd`) · 0 models affected",
        "",
        "> ref 'nope' does not exist in this repository",
        "",
        "<sub>Almanac report. Unchanged means the interval of the change contains 0.</sub>",
        "",
      ].join("\n"),
    );
  });

  it("escapes user text everywhere: HTML, Markdown links, mentions, table pipes, Mermaid labels", () => {
    const evil = improvedModel({
      model: "x<img src=x onerror=alert(1)>",
      reasons: ["models/x/`code` [link](javascript:alert(1)) @org/team | pipe"],
      summary: "accuracy <b>bad</b> @alice",
      problems: ["https://evil.example/ **bold** <script>"],
      trend: [{ version: '1.0"]\n    line [9', value: 0.5, commit: "f".repeat(40), head: false }],
      cardChanges: [{ field: "owners", base: "@alice", head: "@bob, <img>" }],
      fairness: [
        {
          column: "sex|<x>",
          measure: "primary_metric_gap",
          higherIsBetter: false,
          base: 0.1,
          head: 0.2,
          delta: 0.1,
          verdict: "widened",
        },
      ],
    });
    const text = renderReportMarkdown(sampleDiff([evil]));
    expect(text).toContain(
      "<summary>✅ <b>x&lt;img src=x onerror=alert(1)&gt;</b>: accuracy &lt;b&gt;bad&lt;/b&gt; @\u200dalice</summary>",
    );
    expect(text).toContain("models/x/\\`code\\` \\[link\\](javascript:alert(1)) @\u200dorg/team \\| pipe");
    expect(text).toContain("| sex\\|&lt;x&gt; | primary_metric_gap | 0.1 | 0.2 | +0.1 | ▼ widened |");
    expect(text).toContain("| owners | @\u200dalice | @\u200dbob, &lt;img&gt; |");
    expect(text).toContain('    x-axis ["1.0__     line _9"]');
    expect(text).toContain("- https:\\/\\/evil.example/ \\*\\*bold\\*\\* &lt;script&gt;");
    expect(text).not.toMatch(/<img|<script|<b>bad/);
  });

  it("stays under the limit, shortening then listing then leaving out sections, with a note", () => {
    const models = Array.from({ length: 400 }, (_, i) =>
      improvedModel({ model: `model-${String(i).padStart(3, "0")}`, summary: "x".repeat(150) }),
    );
    const text = renderReportMarkdown(sampleDiff(models));
    expect(text.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(text).toContain("> **Truncated** to stay under GitHub's 65,536-character comment limit:");
    expect(text).toMatch(/\d+ sections? shortened \(no chart or secondary tables\), \d+ models listed by verdict only/);
    const small = renderReportMarkdown(sampleDiff(models), { limit: 8_000 });
    expect(small.length).toBeLessThanOrEqual(8_000);
    expect(small).toMatch(/\d+ models left out\. Run `almanac report` or `almanac diff` locally for everything\.$/m);
    expect(small.endsWith("</sub>\n")).toBe(true);
  });
});

describe("trendAxis", () => {
  it("keeps a tiny change small: the axis spans at least a tenth of the values", () => {
    const [bottom, top] = trendAxis([0.9, 0.9004]);
    expect(top - bottom).toBeCloseTo(0.09004, 10);
    expect((0.9004 - 0.9) / (top - bottom)).toBeLessThan(0.005);
  });

  it("pads a wide range by a tenth on each side and keeps scores inside [0, 1]", () => {
    const [bottom, top] = trendAxis([0.2, 0.6]);
    expect(bottom).toBeCloseTo(0.16, 12);
    expect(top).toBeCloseTo(0.64, 12);
    expect(trendAxis([0.99, 0.995])).toEqual([expect.closeTo(0.9005, 12), 1]);
    expect(trendAxis([0, 0])).toEqual([0, 0.1]);
  });

  it("lets values above 1 and below 0 keep their own range", () => {
    const [bottom, top] = trendAxis([3.4, 3.5]);
    expect(bottom).toBeCloseTo(3.275, 12);
    expect(top).toBeCloseTo(3.625, 12);
    const [negativeBottom] = trendAxis([-2, -1]);
    expect(negativeBottom).toBeLessThan(-2);
  });
});
