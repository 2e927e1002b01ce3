import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../core/cli/main.ts";
import { promoteModel } from "../../core/lifecycle/promote.ts";
import { sectionText } from "../../core/lifecycle/promotion.ts";
import { setStage } from "../../core/lifecycle/stage-edit.ts";
import { cardText, driftJson, evaluationJson } from "../git/fixtures.ts";

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const CARD = cardText({ id: "churn", stage: "staging" })
  .replace("\nevaluation:\n", "\nartifact:\n  store: file://store\nevaluation:\n")
  .replace("\n", "\r\n");
/** The evaluated artifact, published to the card's folder store under the same digest. */
const ARTIFACT = {
  sha256: "a".repeat(64),
  size: 10240,
  media_type: "application/vnd.almanac.model.layer.v1.tar",
  files: [],
};
const GOOD_EVALUATION = JSON.stringify({
  ...JSON.parse(evaluationJson({ id: "churn", metrics: { accuracy: 0.9 } })),
  artifact: ARTIFACT,
});

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "almanac-promote-"));
  write("models/churn/model.md", CARD);
  write("reports/models/churn/evaluation.json", GOOD_EVALUATION);
  write("reports/drift/churn/2025-01-01.json", driftJson("churn", "2025-01-01", true));
  write("reports/drift/churn/2025-02-01.json", driftJson("churn", "2025-02-01", false));
  write("store/churn/1.0.0/churn-1.0.0.tar", "");
  write(
    "store/churn/1.0.0/artifact.json",
    JSON.stringify({
      sha256: ARTIFACT.sha256,
      size: ARTIFACT.size,
      media_type: ARTIFACT.media_type,
      file: "churn-1.0.0.tar",
    }),
  );
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const card = () => readFileSync(join(root, "models/churn/model.md"), "utf8");

describe("setStage", () => {
  it("changes only the stage value, keeping comments, quotes, CRLF and the body", () => {
    const edit = setStage(CARD, "production");
    expect(edit.text).toBe(CARD.replace("stage: staging   # lifecycle stage", "stage: production   # lifecycle stage"));
    expect(edit.line).toBe(8);
    expect(setStage('---\nstage: "staging"\n---\nstage: body\n', "archived").text).toBe(
      '---\nstage: "archived"\n---\nstage: body\n',
    );
    expect(() => setStage("---\nid: x\n---\n", "staging")).toThrow("no `stage:` value");
  });
});

describe("promoteModel", () => {
  it("promotes to production when every check passes, printing the diff", async () => {
    const result = await promoteModel(root, "churn", "production");
    expect(result.promoted).toBe(true);
    expect(result.checks.map((check) => `${check.check}:${check.passed}`)).toEqual([
      "evaluation:true",
      "evaluation_current:true",
      "gates:true",
      "card_complete:true",
      "drift:true",
      "artifact:true",
    ]);
    expect(result.diff).toBe(
      [
        "--- a/models/churn/model.md",
        "+++ b/models/churn/model.md",
        "@@ -8 +8 @@",
        "-stage: staging   # lifecycle stage",
        "+stage: production   # lifecycle stage",
      ].join("\n"),
    );
    expect(card()).toBe(CARD.replace("stage: staging ", "stage: production "));
  });

  it("refuses a stale evaluation, failed gates, an incomplete card and a drifted report, and writes nothing", async () => {
    write(
      "models/churn/model.md",
      cardText({ id: "churn", version: "1.2.0", stage: "staging", body: "\n## Intended use\n\n" }),
    );
    write("reports/models/churn/evaluation.json", evaluationJson({ id: "churn", metrics: { accuracy: 0.5 } }));
    write("reports/drift/churn/2025-03-01.json", driftJson("churn", "2025-03-01", true));
    const before = card();
    const result = await promoteModel(root, "churn", "production");
    expect(result.promoted).toBe(false);
    expect(result.reasons).toEqual([
      "the evaluation is stale: it evaluates version 1.0.0, the card is version 1.2.0; run `almanac evaluate churn`",
      "gates fail: accuracy 0.5 < min 0.7",
      'the card is incomplete for production: add a "## Intended use" section with text; add a "## Limitations" section with text',
      "latest drift report reports/drift/churn/2025-03-01.json shows drift (3 columns); investigate or retrain before production",
      "the evaluation records no artifact: write the model to ALMANAC_MODEL_DIR, run `almanac train churn` and commit",
    ]);
    expect(card()).toBe(before);
  });

  it("needs an evaluation for staging but not a drift report; archiving is always allowed", async () => {
    rmSync(join(root, "reports"), { recursive: true });
    write("models/churn/model.md", cardText({ id: "churn", stage: "proposed" }));
    const staging = await promoteModel(root, "churn", "staging");
    expect(staging.reasons).toEqual([
      "no reports/models/churn/evaluation.json at the working tree (run almanac evaluate and commit the report): run `almanac evaluate churn` first",
    ]);
    const archived = await promoteModel(root, "churn", "archived");
    expect(archived.promoted).toBe(true);
  });

  it("explains an unknown model or stage and a stage already set (CLI exit codes)", async () => {
    const err: string[] = [];
    const out: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
    expect(await main(["--root", root, "promote", "chrun", "--to", "production"], io)).toBe(2);
    expect(err.join("\n")).toContain("no model 'chrun' (models/chrun/model.md does not exist)");
    expect(err.join("\n")).toContain('did you mean "churn"?');
    expect(await main(["--root", root, "promote", "churn", "--to", "prodution"], io)).toBe(2);
    expect(err.join("\n")).toContain('did you mean "production"?');
    expect(await main(["--root", root, "promote", "churn", "--to", "staging", "--json"], io)).toBe(1);
    expect(JSON.parse(out.join(""))).toMatchObject({ promoted: false, reasons: ["churn is already at stage staging"] });
  });
});

describe("sectionText", () => {
  it("reads the text under a level-2 heading", () => {
    const body = "# T\n\n## Intended use\n\nUse it.\n\n### Detail\n\nMore.\n\n## Limitations\n";
    expect(sectionText(body, "Intended use")).toBe("Use it.\n\n### Detail\n\nMore.");
    expect(sectionText(body, "Limitations")).toBe("");
  });
});

describe("production needs the evaluated artifact published", () => {
  it("refuses an unpublished version and a store holding another digest", async () => {
    rmSync(join(root, "store"), { recursive: true });
    const unpublished = await promoteModel(root, "churn", "production");
    expect(unpublished.reasons).toEqual(["churn 1.0.0 is not published to file://store: run `almanac publish churn`"]);
    write(
      "store/churn/1.0.0/artifact.json",
      JSON.stringify({ sha256: "b".repeat(64), size: 1, media_type: ARTIFACT.media_type, file: "churn-1.0.0.tar" }),
    );
    const other = await promoteModel(root, "churn", "production");
    expect(other.reasons).toEqual([
      `file://store holds churn 1.0.0 with sha256:${"b".repeat(64)}, the evaluation records sha256:${"a".repeat(64)}`,
    ]);
    expect(card()).toBe(CARD);
  });

  it("refuses a card without a store; staging needs no artifact", async () => {
    write("models/churn/model.md", CARD.replace("artifact:\n  store: file://store\n", ""));
    const result = await promoteModel(root, "churn", "production");
    expect(result.reasons).toEqual([
      "the card names no artifact store: add `artifact: { store: … }` and `almanac publish churn`",
    ]);
    write("models/churn/model.md", cardText({ id: "churn", stage: "proposed" }));
    expect((await promoteModel(root, "churn", "staging")).promoted).toBe(true);
  });
});
