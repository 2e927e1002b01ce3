import { readdir, readFile } from "node:fs/promises";
import { checkArtifactPublished } from "../artifacts/promotion-check.ts";
import { parseEvaluation } from "../git/model-side.ts";
import { readModelCard } from "../load/model-card.ts";
import { DriftReportSchema } from "../schemas/drift-report.ts";
import { STAGES, type Stage } from "../schemas/model-card.ts";
import { writeFileAtomic } from "../util/atomic-write.ts";
import { findingError, usageError } from "../util/errors.ts";
import { didYouMean } from "../util/suggest.ts";
import { modelPaths } from "./paths.ts";
import { checkPromotion, type PromotionCheck, type PromotionInputs } from "./promotion.ts";
import { setStage, unifiedLineDiff } from "./stage-edit.ts";

/** The outcome of `almanac promote`. */
export interface PromotionResult {
  model: string;
  file: string;
  from: string;
  to: Stage;
  promoted: boolean;
  checks: PromotionCheck[];
  /** Why it was refused (the failed checks' details); empty when promoted. */
  reasons: string[];
  /** The unified diff of the edit (empty when refused). */
  diff: string;
}

/**
 * Moves a model card to another stage when its checks pass: reads the card, its
 * evaluation.json and its newest drift report from the working tree, judges them
 * (core/lifecycle/promotion.ts), and on success rewrites only the stage value, atomically.
 * Throws a usage error for an unknown model or stage; a refusal is a result, not an error.
 */
export async function promoteModel(root: string, id: string, target: string): Promise<PromotionResult> {
  if (!(STAGES as readonly string[]).includes(target)) {
    throw usageError(`unknown stage '${target}'`, didYouMean(target, STAGES));
  }
  const paths = modelPaths(id);
  const text = await readFile(`${root}/${paths.card}`, "utf8").catch(() => undefined);
  if (text === undefined) {
    const folders = await readdir(`${root}/models`).catch(() => [] as string[]);
    throw usageError(`no model '${id}' (${paths.card} does not exist)`, didYouMean(id, folders));
  }
  const loaded = await readModelCard(root, paths.card);
  if (!loaded.card) {
    const first = loaded.diagnostics[0];
    throw findingError(
      `${paths.card} is invalid${first ? `: line ${first.line} ${first.field} ${first.message}` : ""}`,
      "run `almanac validate` and fix the card first",
      paths.card,
    );
  }
  const inputs = await readInputs(root, id, loaded.card, loaded.body, target as Stage);
  const base = { model: id, file: paths.card, from: loaded.card.stage, to: target as Stage };
  if (loaded.card.stage === target) {
    return { ...base, promoted: false, checks: [], reasons: [`${id} is already at stage ${target}`], diff: "" };
  }
  const checks = checkPromotion(inputs);
  const reasons = [...new Set(checks.filter((check) => !check.passed).map((check) => check.detail))];
  if (reasons.length > 0) return { ...base, promoted: false, checks, reasons, diff: "" };
  const edit = setStage(text, target);
  await writeFileAtomic(`${root}/${paths.card}`, edit.text);
  return { ...base, promoted: true, checks, reasons: [], diff: unifiedLineDiff(paths.card, edit) };
}

async function readInputs(
  root: string,
  id: string,
  card: PromotionInputs["card"],
  body: string,
  target: Stage,
): Promise<PromotionInputs> {
  const paths = modelPaths(id);
  const evaluationText = await readFile(`${root}/${paths.evaluation}`, "utf8").catch(() => undefined);
  const evaluation = parseEvaluation(evaluationText, paths.evaluation, "working tree");
  return {
    card,
    body,
    evaluation: evaluation.value,
    evaluationProblem: evaluation.problem,
    drift: await newestDriftReport(root, paths.driftFolder),
    target,
    ...(target === "production"
      ? { artifact: await checkArtifactPublished(root, card, evaluation.value, process.env) }
      : {}),
  };
}

async function newestDriftReport(root: string, folder: string): Promise<PromotionInputs["drift"]> {
  const names = (await readdir(`${root}/${folder}`).catch(() => [] as string[])).filter((name) =>
    name.endsWith(".json"),
  );
  const newest = names.sort().at(-1);
  if (!newest) return undefined;
  const path = `${folder}${newest}`;
  try {
    const result = DriftReportSchema.safeParse(JSON.parse(await readFile(`${root}/${path}`, "utf8")));
    return result.success ? { path, report: result.data } : undefined;
  } catch {
    return undefined;
  }
}
