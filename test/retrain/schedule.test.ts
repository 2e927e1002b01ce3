import { describe, expect, it } from "vitest";
import { parseModelCard } from "../../core/load/model-card.ts";
import { decideScheduled } from "../../core/retrain/schedule.ts";
import type { ModelCard } from "../../core/schemas/model-card.ts";
import { BIRD_CARD } from "../support/tiny-repo.ts";

function card(policy: string, stage = "production"): ModelCard {
  const text = BIRD_CARD.replace("stage: proposed", `stage: ${stage}`).replace(
    "---\n\n#",
    `monitoring:\n  current: datasets/birds/current.csv\nretraining:\n  on: ${policy}\n  data: datasets/birds/labelled/*.csv\n---\n\n#`,
  );
  const parsed = parseModelCard(text, "models/bird-species/model.md");
  expect(parsed.diagnostics).toEqual([]);
  return parsed.card as ModelCard;
}

const report = (drifted: boolean) => ({
  drift_report: "reports/drift/bird-species/2026-01-02.json",
  date: "2026-01-02",
  drifted,
  drift_share: drifted ? 0.5 : 0,
  drifted_columns: drifted ? ["wing_mm"] : [],
});

describe("decideScheduled: the retraining policy on a scheduled run", () => {
  it("on: drift retrains a drifting production model only", () => {
    expect(decideScheduled(card("drift"), report(true))).toEqual({
      retrain: true,
      reason: "the drift report of 2026-01-02 drifted (reports/drift/bird-species/2026-01-02.json)",
    });
    expect(decideScheduled(card("drift"), report(false))).toEqual({
      retrain: false,
      reason: "the drift report of 2026-01-02 found no drift",
    });
    expect(decideScheduled(card("drift"), null)).toEqual({
      retrain: false,
      reason: "bird-species has no drift report yet",
    });
    expect(decideScheduled(card("drift", "staging"), report(true))).toEqual({
      retrain: false,
      reason: "bird-species is not in production (staging)",
    });
  });

  it("on: schedule retrains on every run; manual never", () => {
    expect(decideScheduled(card("schedule"), report(false)).retrain).toBe(true);
    expect(decideScheduled(card("manual"), report(true))).toEqual({
      retrain: false,
      reason: "bird-species is retrained by hand only (retraining.on: manual)",
    });
  });
});
