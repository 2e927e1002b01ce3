import { describe, expect, it } from "vitest";
import { readableReason } from "../../site/lib/view/drift-view.ts";
import { buildModelView } from "../../site/lib/view/model-view.ts";
import { buildSiteIndex } from "../../site/lib/view/site-index.ts";
import { countGates, gateSummary } from "../../site/lib/view/verdict.ts";
import { buildVersionRows } from "../../site/lib/view/versions.ts";
import { columnsDrifted } from "../../site/lib/view/words.ts";
import { readState, writeState } from "../../site/scripts/catalogue-filter.ts";
import { card, evaluation, event } from "./support/fixtures.ts";

const gate = (passed: boolean | null) => ({
  metric: "roc_auc",
  kind: "min" as const,
  bound: 0.7,
  value: 0.8,
  ci: null,
  passed,
  message: "m",
});

describe("gate counts", () => {
  it("counts passed, failed and not checked apart, and leaves out zero parts", () => {
    const counts = countGates([gate(true), gate(true), gate(null), gate(false)]);
    expect(counts).toEqual({ passed: 2, failed: 1, notChecked: 1 });
    expect(gateSummary(counts)).toBe("2 passed, 1 failed, 1 not checked");
    expect(gateSummary({ passed: 3, failed: 0, notChecked: 0 })).toBe("3 passed");
    expect(gateSummary({ passed: 0, failed: 0, notChecked: 0 })).toBe("no gates");
  });
});

describe("model page view", () => {
  const index = (events = [event({ type: "created", date: "2026-01-01T00:00:00Z", to: "1.2.0" })]) =>
    buildSiteIndex({
      models: [{ file: "models/churn/model.md", card: card(), body: "" }],
      datasets: [],
      evaluations: [
        { file: "reports/models/churn/evaluation.json", model: "churn", evaluation: evaluation("1.2.0", 0.9) },
      ],
      driftReports: [],
      profiles: [],
      history: events,
    } as never);

  it("draws no trend chart for a single evaluated version", () => {
    const view = buildModelView(index(), "churn", "/", { repoUrl: undefined, ref: "main" });
    expect(view?.versions.map((entry) => entry.version)).toEqual(["1.2.0"]);
    expect(view?.trendCharts).toEqual([]);
  });

  it("opens with the verdict: last evaluation from the history, owners, drift unmonitored", () => {
    const evaluated = event({
      type: "evaluation_changed",
      date: "2026-02-01T00:00:00Z",
      version: "1.2.0",
      to: "1.2.0",
      metrics: { roc_auc: 0.9 },
    });
    const view = buildModelView(index([evaluated]), "churn", "/", { repoUrl: "https://github.com/o/r", ref: "main" });
    expect(view?.verdict).toEqual({
      stage: "production",
      version: "1.2.0",
      owners: ["@org/risk", "octocat"],
      gates: { passed: 0, failed: 0, notChecked: 0 },
      drift: { state: "unmonitored", latest: undefined },
      evaluated: {
        version: "1.2.0",
        date: "2026-02-01T00:00:00Z",
        commit: evaluated.commit,
        commitHref: `https://github.com/o/r/commit/${evaluated.commit}`,
      },
    });
  });
});

describe("words on the page", () => {
  it("says how many columns drifted, singular for one", () => {
    expect(columnsDrifted(2, 4)).toBe("2 of 4 columns drifted");
    expect(columnsDrifted(1, 1)).toBe("1 of 1 column drifted");
  });

  it("rewrites recorded test reasons without constants or card paths", () => {
    expect(readableReason("set in models/seattle-rain/model.md monitoring.columns.month")).toBe(
      "chosen for month in the model card's monitoring settings",
    );
    expect(
      readableReason(
        "Evidently's default for a numeric column with 826 reference values (≤ SMALL_SAMPLE_ROWS = 1000) and 78 distinct values (> 5): Kolmogorov–Smirnov",
      ),
    ).toBe(
      "Evidently's default for a numeric column with 826 reference values (≤ 1000, the small-sample limit) and 78 distinct values (> 5): Kolmogorov–Smirnov",
    );
  });
});

describe("catalogue filter state in the URL", () => {
  it("reads values whatever their case and writes facets in a fixed order", () => {
    const state = readState("?owner=Almanac-Ecology&stage=Production&other=x");
    expect([...state]).toEqual([
      ["stage", "production"],
      ["owner", "almanac-ecology"],
    ]);
    expect(writeState(state)).toBe("?stage=production&owner=almanac-ecology");
    expect(writeState(new Map())).toBe("");
  });
});

describe("version table", () => {
  it("lists each version newest first with its date, author, pull request and the stage changes it went through", () => {
    const events = [
      event({ type: "stage_changed", date: "2026-03-01T00:00:00Z", from: "staging", to: "production", pr: 9 }),
      event({
        type: "version_changed",
        date: "2026-02-01T00:00:00Z",
        from: "1.0.0",
        to: "1.1.0",
        author: "Grace",
        pr: 8,
      }),
      event({ type: "stage_changed", date: "2026-01-15T00:00:00Z", from: "proposed", to: "staging", pr: 7 }),
      event({ type: "created", date: "2026-01-01T00:00:00Z", to: "1.0.0", author: "Ada", pr: 3 }),
    ];
    expect(buildVersionRows(events)).toEqual([
      {
        version: "1.1.0",
        date: "2026-02-01T00:00:00Z",
        author: "Grace",
        pr: 8,
        commit: events[1]?.commit,
        stages: [{ from: "staging", to: "production", date: "2026-03-01T00:00:00Z" }],
        artifact: undefined,
      },
      {
        version: "1.0.0",
        date: "2026-01-01T00:00:00Z",
        author: "Ada",
        pr: 3,
        commit: events[3]?.commit,
        stages: [{ from: "proposed", to: "staging", date: "2026-01-15T00:00:00Z" }],
        artifact: undefined,
      },
    ]);
  });
});

describe("version table artifacts", () => {
  it("shows the artifact of each version's latest evaluation, with its pull command", () => {
    const artifact = (sha: string) => ({
      sha256: sha.repeat(64),
      size: 2048,
      store: null,
      pull: "npx almanac pull churn@1.0.0",
    });
    const events = [
      event({
        type: "evaluation_changed",
        date: "2026-01-03T00:00:00Z",
        version: "1.0.0",
        to: "1.0.0",
        artifact: artifact("b"),
      }),
      event({
        type: "evaluation_changed",
        date: "2026-01-02T00:00:00Z",
        version: "1.0.0",
        to: "1.0.0",
        artifact: artifact("a"),
      }),
      event({ type: "created", date: "2026-01-01T00:00:00Z", to: "1.0.0" }),
    ];
    expect(buildVersionRows(events)[0]?.artifact).toEqual({
      sha256: "b".repeat(64),
      size: 2048,
      pull: "npx almanac pull churn@1.0.0",
    });
  });
});
