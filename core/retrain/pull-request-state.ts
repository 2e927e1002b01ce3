import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { modelPaths } from "../lifecycle/paths.ts";
import { parseModelCard } from "../load/model-card.ts";
import { type RetrainingRecord, RetrainingRecordSchema } from "../schemas/retraining.ts";
import { findingError } from "../util/errors.ts";
import { readTrigger } from "./lineage.ts";
import { retrainingTitle } from "./titles.ts";

/** What the retraining pull request of a model should show, read from the working tree. */
export interface PullRequestState {
  model: string;
  /** Keep (or open) the pull request: the model drifts, or its policy retrains on every schedule. */
  drifted: boolean;
  clearedBecause?: string;
  /** Present when the working tree holds a retraining of the card's current version. */
  retrained?: { title: string; body: string; record: RetrainingRecord };
}

/**
 * Reads what `almanac retrain` left in the working tree (retraining.json and retraining.md of the
 * card's current version) and the model's newest drift report, for the pull request step of the
 * scheduled flow. That step runs no model code: only these files are read.
 */
export async function readPullRequestState(root: string, id: string): Promise<PullRequestState> {
  const file = modelPaths(id).card;
  const text = await readFile(`${root}/${file}`, "utf8").catch(() => {
    throw findingError(`no model ${id} (${file} does not exist)`, "pass a model id (a folder under models/)", file);
  });
  const card = parseModelCard(text, file).card;
  if (!card) throw findingError(`${file} is not a valid card`, "run almanac validate", file);
  const trigger = await readTrigger(root, card.id);
  const schedule = card.retraining?.on === "schedule";
  const drifted = schedule || trigger?.drifted === true;
  const state: PullRequestState = { model: card.id, drifted };
  if (!drifted && trigger) state.clearedBecause = `the drift report of ${trigger.date} found no drift`;
  const paths = {
    record: `reports/models/${card.id}/retraining.json`,
    report: `reports/models/${card.id}/retraining.md`,
  };
  if (!existsSync(`${root}/${paths.record}`)) return state;
  let record: RetrainingRecord;
  try {
    record = RetrainingRecordSchema.parse(JSON.parse(await readFile(`${root}/${paths.record}`, "utf8")));
  } catch (error) {
    throw findingError(
      `${paths.record} is not a valid retraining record: ${(error as Error).message.split("\n")[0]}`,
      "run almanac retrain again",
      paths.record,
    );
  }
  if (record.model.to !== card.version) return state;
  const body = await readFile(`${root}/${paths.report}`, "utf8").catch(() => {
    throw findingError(`${paths.report} is missing beside ${paths.record}`, "run almanac retrain again", paths.report);
  });
  return { ...state, retrained: { title: retrainingTitle(record), body, record } };
}
