import { evaluationPath } from "../evaluate/baseline.ts";
import { runGit } from "../git/process.ts";
import { modelPaths } from "../lifecycle/paths.ts";
import { parseModelCard } from "../load/model-card.ts";
import type { ArtifactRecord } from "../schemas/artifact.ts";
import { EvaluationSchema } from "../schemas/evaluation.ts";
import { type ModelCard, STAGES } from "../schemas/model-card.ts";
import { findingError, usageError } from "../util/errors.ts";
import { didYouMean } from "../util/suggest.ts";

/** A version resolved from the committed files: its card (as committed now), evaluation commit and artifact. */
export interface ResolvedVersion {
  card: ModelCard;
  model: string;
  version: string;
  /** The commit whose evaluation.json records this version. */
  commit: string;
  artifact: ArtifactRecord;
  /** The committed evaluation's class labels (classification), else null. */
  labels: string[] | null;
  /** The evaluated positive class (binary), else null. */
  positiveClass: string | null;
}

/** Splits `model[@version]` (a leading `v` on the version is accepted, as in GTO's tags). Pure. */
export function parseModelSpec(spec: string): { model: string; version: string | undefined } {
  const at = spec.indexOf("@");
  if (at === -1) return { model: spec, version: undefined };
  return { model: spec.slice(0, at), version: spec.slice(at + 1).replace(/^v(?=\d)/, "") };
}

async function show(root: string, commit: string, path: string): Promise<string | undefined> {
  const result = await runGit(root, ["show", `${commit}:${path}`], { okCodes: [128] });
  return result.code === 0 ? result.stdout.toString("utf8") : undefined;
}

async function committedCard(root: string, model: string): Promise<ModelCard> {
  const path = modelPaths(model).card;
  const text = await show(root, "HEAD", path);
  if (text === undefined) {
    const listing = await runGit(root, ["ls-tree", "--name-only", "HEAD", "models/"], { okCodes: [128] });
    const models = listing.stdout
      .toString("utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.slice(7));
    throw usageError(`no committed model '${model}' (${path} is not in HEAD)`, didYouMean(model, models));
  }
  const parsed = parseModelCard(text, path);
  if (!parsed.card) throw findingError(`${path} is invalid at HEAD`, "run `almanac validate` and fix the card", path);
  return parsed.card;
}

function parseCommitted(text: string, path: string, commit: string) {
  const parsed = EvaluationSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw findingError(`${path} at ${commit.slice(0, 12)} is not a valid evaluation`, "", path);
  return parsed.data;
}

/** The newest commit whose evaluation.json evaluates `version`, newest first through `git log`. */
async function evaluationOf(root: string, model: string, version: string) {
  const path = evaluationPath(model);
  const log = await runGit(root, ["log", "--format=%H", "HEAD", "--", path]);
  const seen = new Set<string>();
  for (const commit of log.stdout.toString("utf8").split("\n").filter(Boolean)) {
    const text = await show(root, commit, path);
    if (text === undefined) continue;
    const evaluation = parseCommitted(text, path, commit);
    seen.add(evaluation.model.version);
    if (evaluation.model.version === version) return { evaluation, commit };
  }
  throw usageError(
    `no committed evaluation of ${model} ${version}`,
    seen.size > 0 ? `committed versions: ${[...seen].join(", ")}` : `train it and commit ${path}`,
  );
}

/**
 * Resolves `model[@version]` or a stage to the committed record of one version: the card at
 * HEAD, and the newest committed evaluation.json of that version with its artifact. A stage
 * resolves to the card's version when the card (at HEAD) is at that stage. Everything comes from
 * committed files: an uncommitted retrain never changes what is published or pulled.
 */
export async function resolveVersion(
  root: string,
  spec: string,
  options: { stage?: string } = {},
): Promise<ResolvedVersion> {
  const { model, version: asked } = parseModelSpec(spec);
  const card = await committedCard(root, model);
  if (options.stage !== undefined) {
    if (!(STAGES as readonly string[]).includes(options.stage))
      throw usageError(`unknown stage '${options.stage}'`, didYouMean(options.stage, STAGES));
    if (asked !== undefined) throw usageError("give a version or --stage, not both");
    if (card.stage !== options.stage)
      throw findingError(
        `no version of ${model} is at stage ${options.stage}: the committed card is version ${card.version} at stage ${card.stage}`,
        `promote it with \`almanac promote ${model} --to ${options.stage}\` and commit`,
      );
  }
  const version = asked ?? card.version;
  const { evaluation, commit } = await evaluationOf(root, model, version);
  if (!evaluation.artifact)
    throw findingError(
      `the committed evaluation of ${model} ${version} records no artifact`,
      "the training command wrote nothing to ALMANAC_MODEL_DIR: write the model there, train again and commit (docs/training.md)",
      evaluationPath(model),
    );
  const labels = evaluation.confusion_matrix?.labels ?? null;
  const positiveClass = evaluation.model.positive_class ?? null;
  return { card, model, version, commit, artifact: evaluation.artifact, labels, positiveClass };
}
