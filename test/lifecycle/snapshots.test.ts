import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readFastCardFields } from "../../core/lifecycle/fast-front-matter.ts";
import { snapshotCard, snapshotCardYaml, snapshotDrift, snapshotEvaluation } from "../../core/lifecycle/snapshots.ts";
import { splitFrontMatter } from "../../core/load/front-matter.ts";
import { cardText, driftJson, evaluationJson } from "../git/fixtures.ts";

const yamlOf = (text: string) => splitFrontMatter(text, "model.md").yaml as string;

describe("readFastCardFields", () => {
  const cards = [
    readFileSync("models/penguin-species/model.md", "utf8"),
    readFileSync("models/seattle-rain/model.md", "utf8"),
    readFileSync("models/car-mpg/model.md", "utf8"),
    cardText({ id: "a", owners: ["@x", "@y/z"], stage: "production" }),
  ];

  it("reads the same lifecycle fields as the YAML parser on real cards", () => {
    for (const text of cards) {
      const fast = readFastCardFields(yamlOf(text));
      const slow = snapshotCardYaml(yamlOf(text));
      expect(fast).toBeDefined();
      expect({ version: fast?.version, stage: fast?.stage, owners: fast?.owners, dataset: fast?.dataset }).toEqual({
        version: slow.version,
        stage: slow.stage,
        owners: slow.owners,
        dataset: slow.dataset,
      });
    }
  });

  it("reads block lists, quoted scalars and comments", () => {
    const yaml = [
      "version: '2.0.0' # bumped",
      'stage: "staging"',
      "owners:",
      "  - '@a'",
      "  # a comment",
      '  - "@b"',
      "dataset:",
      "  id: d",
      "  target: y",
      "  version: 1.2.3",
      "name: x",
    ].join("\n");
    expect(readFastCardFields(yaml)).toEqual({
      version: "2.0.0",
      stage: "staging",
      owners: ["@a", "@b"],
      dataset: "d@1.2.3",
      rest: "  target: y\nname: x",
    });
  });

  it("gives up on YAML it does not fully understand", () => {
    const base = "version: 1.0.0\nstage: staging\nowners: [a]\n";
    expect(readFastCardFields(`${base}stage: production`)).toBeUndefined();
    expect(readFastCardFields("version: &v 1.0.0\nstage: staging\nowners: [a]")).toBeUndefined();
    expect(readFastCardFields("version: |\n  1.0.0\nstage: staging\nowners: [a]")).toBeUndefined();
    expect(readFastCardFields(`${base}dataset: { id: d, version: 1.0.0 }`)).toBeUndefined();
    expect(readFastCardFields("{ version: 1.0.0 }")).toBeUndefined();
    expect(readFastCardFields("stage: staging\nowners: [a]")).toBeUndefined();
  });

  it("falls back to the YAML parser through snapshotCard", () => {
    const text =
      "---\nversion: &v 1.0.0\nstage: staging\nowners: [a, b]\ndataset: { id: d, version: 2.0.0 }\n---\nbody\n";
    expect(snapshotCard(text)).toMatchObject({
      readable: true,
      version: "1.0.0",
      stage: "staging",
      owners: ["a", "b"],
      dataset: "d@2.0.0",
      body: "body\n",
    });
  });

  it("marks a card without readable front matter", () => {
    expect(snapshotCard("no front matter")).toMatchObject({ readable: false, version: null, body: "no front matter" });
    expect(snapshotCard("---\nversion: [\n---\n")).toMatchObject({ readable: false, version: null });
  });
});

describe("snapshotEvaluation and snapshotDrift", () => {
  it("reads metric values and the evaluated version", () => {
    const text = evaluationJson({ id: "m", version: "1.2.0", metrics: { accuracy: [0.9, 0.85, 0.95], f1: 0.8 } });
    expect(snapshotEvaluation(text)).toEqual({ readable: true, version: "1.2.0", metrics: { accuracy: 0.9, f1: 0.8 } });
    expect(snapshotEvaluation("{ not json")).toEqual({ readable: false, version: null, metrics: {} });
  });

  it("reads a drift headline", () => {
    expect(snapshotDrift(driftJson("m", "2025-01-01", true, 0.6, { age: ["ks", 0.05] }))).toEqual({
      readable: true,
      drifted: true,
      driftShare: 0.6,
      driftedColumns: 3,
      tests: { age: "ks 0.05" },
    });
    expect(snapshotDrift("[]").readable).toBe(false);
  });
});
