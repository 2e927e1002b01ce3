import { describe, expect, it } from "vitest";
import { buildCatalogueRows, buildFacets, filterRows } from "../../site/lib/view/catalogue.ts";
import { driftState } from "../../site/lib/view/drift-state.ts";
import { buildLineage } from "../../site/lib/view/lineage.ts";
import { metricHistory } from "../../site/lib/view/metric-history.ts";
import { buildSiteIndex } from "../../site/lib/view/site-index.ts";
import { buildTimeline, summarizeEvent } from "../../site/lib/view/timeline.ts";
import { card, driftReport, evaluation, event } from "./support/fixtures.ts";

const history = [
  event({
    type: "drift_report_added",
    date: "2026-03-01T00:00:00Z",
    to: "drift",
    metrics: { drift_share: 0.75 },
    path: "reports/drift/churn/2026-03-01.json",
  }),
  event({
    type: "evaluation_changed",
    date: "2026-02-01T00:00:00Z",
    version: "1.2.0",
    to: "1.2.0",
    metrics: { roc_auc: 0.9 },
  }),
  event({
    type: "dataset_changed",
    date: "2026-02-01T00:00:00Z",
    version: "1.2.0",
    from: "customers@1.0.0",
    to: "customers@2.0.0",
  }),
  event({
    type: "stage_changed",
    date: "2026-01-15T00:00:00Z",
    version: "1.1.0",
    from: "staging",
    to: "production",
    pr: 7,
  }),
  event({
    type: "evaluation_changed",
    date: "2026-01-10T00:00:00Z",
    version: "1.1.0",
    to: "1.1.0",
    metrics: { roc_auc: 0.85 },
  }),
  event({
    type: "evaluation_changed",
    date: "2026-01-02T00:00:00Z",
    version: "1.0.0",
    to: "1.0.0",
    metrics: { roc_auc: 0.8 },
  }),
  event({ type: "created", date: "2026-01-01T00:00:00Z", version: "1.0.0", to: "1.0.0", pr: 3 }),
];

describe("metricHistory", () => {
  it("lists each evaluated version once, oldest first, with the current evaluation's intervals", () => {
    const versions = metricHistory(history, evaluation("1.2.0", 0.91, [0.88, 0.94]));
    expect(versions.map((entry) => [entry.version, entry.values.roc_auc])).toEqual([
      ["1.0.0", 0.8],
      ["1.1.0", 0.85],
      ["1.2.0", 0.91],
    ]);
    expect(versions[2]?.intervals.roc_auc).toEqual([0.88, 0.94]);
    expect(versions[0]?.intervals).toEqual({});
  });

  it("adds an evaluation that is not committed yet", () => {
    const versions = metricHistory(history, evaluation("1.3.0", 0.95));
    expect(versions.map((entry) => entry.version)).toEqual(["1.0.0", "1.1.0", "1.2.0", "1.3.0"]);
    expect(versions[3]?.date).toBeUndefined();
  });

  it("moves a re-evaluated version to its latest numbers", () => {
    const again = event({
      type: "evaluation_changed",
      date: "2026-04-01T00:00:00Z",
      version: "1.0.0",
      metrics: { roc_auc: 0.82 },
    });
    const versions = metricHistory([again, ...history]);
    expect(versions.map((entry) => [entry.version, entry.values.roc_auc])).toEqual([
      ["1.1.0", 0.85],
      ["1.2.0", 0.9],
      ["1.0.0", 0.82],
    ]);
  });
});

describe("timeline", () => {
  it("summarizes each event in words", () => {
    expect(history.map((item) => summarizeEvent(item, "roc_auc"))).toEqual([
      "Drift report of 2026-03-01: dataset drift (share 0.75)",
      "Evaluated version 1.2.0: ROC AUC 0.9",
      "Dataset customers@1.0.0 → customers@2.0.0",
      "Stage staging → production",
      "Evaluated version 1.1.0: ROC AUC 0.85",
      "Evaluated version 1.0.0: ROC AUC 0.8",
      "Created at version 1.0.0",
    ]);
  });

  it("links events to site pages, commits and pull requests, with unique anchors", () => {
    const entries = buildTimeline(
      "/b/",
      history,
      { repoUrl: "https://github.com/o/r", ref: "main" },
      {
        driftDates: new Set(["2026-03-01"]),
        datasets: new Set(["customers"]),
        primaryMetric: "roc_auc",
      },
    );
    expect(entries[0]?.link).toEqual({ href: "/b/drift/churn/2026-03-01/", text: "drift report of 2026-03-01" });
    // One commit's events come in the order they happened; newest first shows the last of them on top.
    expect(entries.slice(1, 3).map((entry) => entry.event.type)).toEqual(["dataset_changed", "evaluation_changed"]);
    expect(entries[1]?.link).toEqual({ href: "/b/datasets/customers/", text: "dataset customers@2.0.0" });
    expect(entries[3]?.pullRequestHref).toBe("https://github.com/o/r/pull/7");
    expect(entries[3]?.commitHref).toBe(`https://github.com/o/r/commit/${history[3]?.commit}`);
    const anchors = entries.map((entry) => entry.anchor);
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(anchors[2]).toBe(`event-${history[1]?.commit.slice(0, 12)}-evaluation_changed`);
  });

  it("numbers the anchors of two events of one type in one commit", () => {
    const twice = [
      event({ type: "card_edited", date: "2026-01-01T00:00:00Z" }),
      event({ type: "card_edited", date: "2026-01-01T00:00:00Z" }),
    ];
    const entries = buildTimeline(
      "/b/",
      twice,
      { repoUrl: undefined, ref: "main" },
      {
        driftDates: new Set(),
        datasets: new Set(),
      },
    );
    const key = `event-${twice[0]?.commit.slice(0, 12)}-card_edited`;
    expect(entries.map((entry) => entry.anchor)).toEqual([key, `${key}-2`]);
  });

  it("shows a re-judged drift report as its own event, naming the card change of the same commit", () => {
    const commit = "c".repeat(40);
    const rejudge = [
      event({
        type: "card_edited",
        date: "2026-04-01T00:00:00Z",
        commit,
        path: "models/churn/model.md",
      }),
      event({
        type: "drift_report_rejudged",
        date: "2026-04-01T00:00:00Z",
        commit,
        from: "no drift",
        to: "drift",
        metrics: { drift_share: 0.5, drifted_columns: 1 },
        path: "reports/drift/churn/2026-03-01.json",
      }),
    ];
    const entries = buildTimeline(
      "/b/",
      rejudge,
      { repoUrl: undefined, ref: "main" },
      {
        driftDates: new Set(["2026-03-01"]),
        datasets: new Set(),
      },
    );
    expect(entries.map((entry) => [entry.label, entry.summary])).toEqual([
      [
        "Drift report re-judged",
        "Drift report of 2026-03-01 re-judged: no dataset drift → dataset drift (1 column drifted, share 0.5), with the model card changed in commit ccccccc",
      ],
      ["Card edited", "Card text edited"],
    ]);
    expect(entries[0]?.link).toEqual({ href: "/b/drift/churn/2026-03-01/", text: "drift report of 2026-03-01" });
    const retested = {
      ...(rejudge[1] as (typeof rejudge)[number]),
      retested: ["tenure: ks 0.05 → wasserstein_norm 0.1"],
    };
    const [first] = buildTimeline(
      "/b/",
      [retested],
      { repoUrl: undefined, ref: "main" },
      {
        driftDates: new Set(["2026-03-01"]),
        datasets: new Set(),
      },
    );
    expect(first?.summary).toBe(
      "Drift report of 2026-03-01 re-judged: no dataset drift → dataset drift (1 column drifted, share 0.5), after its monitoring tests changed (tenure: ks 0.05 → wasserstein_norm 0.1)",
    );
  });

  it("leaves out links to pages the site does not have", () => {
    const [entry] = buildTimeline(
      "/",
      [history[0]!],
      { repoUrl: undefined, ref: "main" },
      {
        driftDates: new Set(),
        datasets: new Set(),
      },
    );
    expect(entry?.link).toBeUndefined();
    expect(entry?.commitHref).toBeUndefined();
  });
});

describe("buildLineage", () => {
  it("pairs each model version with the dataset version it was trained on", () => {
    expect(buildLineage(card(), history)).toEqual([
      { dataset: "customers", datasetVersion: "1.0.0", modelVersion: "1.0.0", since: "2026-01-01T00:00:00Z" },
      { dataset: "customers", datasetVersion: "1.0.0", modelVersion: "1.1.0", since: "2026-01-15T00:00:00Z" },
      { dataset: "customers", datasetVersion: "2.0.0", modelVersion: "1.2.0", since: "2026-02-01T00:00:00Z" },
    ]);
  });

  it("falls back to the card without history", () => {
    expect(buildLineage(card(), [])).toEqual([
      { dataset: "customers", datasetVersion: "2.0.0", modelVersion: "1.2.0", since: undefined },
    ]);
  });
});

describe("catalogue rows and facets", () => {
  const index = buildSiteIndex({
    models: [
      { file: "models/churn/model.md", card: card(), body: "" },
      {
        file: "models/alpha/model.md",
        card: card({
          id: "alpha",
          name: "Alpha",
          stage: "staging",
          owners: ["octocat"],
          task: "regression",
          evaluation: card().evaluation,
        }),
        body: "",
      },
    ],
    datasets: [],
    evaluations: [
      {
        file: "reports/models/churn/evaluation.json",
        model: "churn",
        evaluation: evaluation("1.2.0", 0.91, [0.88, 0.94]),
      },
    ],
    driftReports: [
      { file: "x", model: "churn", date: "2026-03-01", report: driftReport("2026-03-01", true, 0.75) },
      { file: "y", model: "churn", date: "2026-02-01", report: driftReport("2026-02-01", false, 0.1) },
    ],
    profiles: [],
    history: [...history].reverse(),
  });
  const rows = buildCatalogueRows(index);

  it("sorts by name and shows the primary metric, sparkline, drift and last change", () => {
    expect(rows.map((row) => row.id)).toEqual(["alpha", "churn"]);
    const churn = rows[1]!;
    expect(churn.primary).toEqual({ metric: "roc_auc", label: "ROC AUC", value: 0.91, ci: [0.88, 0.94] });
    expect(churn.sparkline?.description).toBe("ROC AUC across 3 versions: 0.8 (1.0.0) to 0.91 (1.2.0).");
    expect(churn.drift).toBe("drifting");
    expect(churn.lastChange).toEqual({
      date: "2026-03-01T00:00:00Z",
      summary: "Drift report of 2026-03-01: dataset drift (share 0.75)",
    });
    expect(rows[0]).toMatchObject({
      primary: undefined,
      sparkline: undefined,
      drift: "unmonitored",
      lastChange: undefined,
    });
  });

  it("offers each present facet value with its count, and filters by it", () => {
    const facets = buildFacets(rows);
    expect(facets.stage).toEqual([
      { slug: "staging", label: "staging", count: 1 },
      { slug: "production", label: "production", count: 1 },
    ]);
    expect(facets.owner).toEqual([
      { slug: "org-risk", label: "@org/risk", count: 1 },
      { slug: "octocat", label: "octocat", count: 2 },
    ]);
    expect(facets.drift.map((value) => value.slug)).toEqual(["drifting", "unmonitored"]);
    expect(filterRows(rows, "owner", "octocat").map((row) => row.id)).toEqual(["alpha", "churn"]);
    expect(filterRows(rows, "task", "regression").map((row) => row.id)).toEqual(["alpha"]);
  });

  it("judges drift by the latest report", () => {
    expect(driftState(index.drift.get("churn"))).toBe("drifting");
    expect(driftState([])).toBe("unmonitored");
  });
});
