import { decodePredictions, parsePredictionsCsv } from "../diff/predictions.ts";
import type { ModelSide } from "../diff/types.ts";
import { modelPaths } from "../lifecycle/paths.ts";
import { parseDatasetManifest } from "../load/dataset-manifest.ts";
import { parseModelCard } from "../load/model-card.ts";
import { DriftReportSchema } from "../schemas/drift-report.ts";
import { EvaluationSchema } from "../schemas/evaluation.ts";
import type { Diagnostic } from "../util/diagnostic.ts";
import type { ObjectReader } from "./object-reader.ts";
import { readBytesAt, readTextAt } from "./ref-pair.ts";

/** Where to read one side of a model. */
export interface SideLocation {
  commit: string;
  /** How the side is named in messages: "base" or "head". */
  label: "base" | "head";
  /** Model folder at this commit. */
  folder: string;
  /** Drift report paths of this model at this commit (any order). */
  driftPaths: readonly string[];
  /** Read the predictions file (only worth it when both sides have an evaluation). */
  withPredictions: boolean;
}

/**
 * Reads and parses everything about one model at one commit through the shared object
 * reader. Every problem becomes a sentence on the side (never an exception): a missing or
 * corrupt evaluation.json, an invalid card, unreadable predictions.
 */
export async function readModelSide(reader: ObjectReader, at: SideLocation): Promise<ModelSide> {
  const paths = modelPaths(at.folder);
  const [cardText, evaluationText] = await Promise.all([
    readTextAt(reader, at.commit, paths.card),
    readTextAt(reader, at.commit, paths.evaluation),
  ]);
  const parsed = cardText === undefined ? undefined : parseModelCard(cardText, paths.card);
  const card = parsed?.card;
  const evaluation = parseEvaluation(evaluationText, paths.evaluation, at.label);
  const side: ModelSide = {
    cardPath: paths.card,
    present: cardText !== undefined,
    card,
    cardProblems: (parsed?.diagnostics ?? [])
      .filter((d) => d.severity === "error")
      .slice(0, 3)
      .map(describeDiagnostic),
    evaluation: evaluation.value,
    evaluationProblem: evaluation.problem,
    predictions: undefined,
    predictionsProblem: undefined,
    dataset: undefined,
    datasetProblem: undefined,
    drift: await newestDrift(reader, at),
  };
  if (card) await readDataset(reader, at, card.dataset.id, side);
  if (at.withPredictions && evaluation.value) await readPredictions(reader, at, paths.predictions, side);
  return side;
}

function describeDiagnostic(diagnostic: Diagnostic): string {
  const field = diagnostic.field ? ` ${diagnostic.field}:` : "";
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}${field} ${diagnostic.message}`;
}

/** Parses evaluation.json text; a sentence for a missing, non-JSON or off-schema file. Pure. */
export function parseEvaluation(text: string | undefined, path: string, label: string) {
  if (text === undefined) {
    return { value: undefined, problem: `no ${path} at the ${label} (run almanac evaluate and commit the report)` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { value: undefined, problem: `${path} at the ${label} is not valid JSON (${(error as Error).message})` };
  }
  const result = EvaluationSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
    return {
      value: undefined,
      problem: `${path} at the ${label} is not an Almanac evaluation (${where}${issue?.message ?? "invalid"})`,
    };
  }
  return { value: result.data, problem: undefined };
}

async function readPredictions(reader: ObjectReader, at: SideLocation, path: string, side: ModelSide) {
  const bytes =
    (await readBytesAt(reader, at.commit, path)) ?? (await readBytesAt(reader, at.commit, path.replace(/\.gz$/, "")));
  if (!bytes) {
    side.predictionsProblem = `no ${path} at the ${at.label}`;
    return;
  }
  try {
    side.predictions = parsePredictionsCsv(decodePredictions(bytes));
  } catch (error) {
    side.predictionsProblem = `${path} at the ${at.label} could not be read (${(error as Error).message})`;
  }
}

async function readDataset(reader: ObjectReader, at: SideLocation, id: string, side: ModelSide) {
  const path = `datasets/${id}/dataset.yaml`;
  const text = await readTextAt(reader, at.commit, path);
  if (text === undefined) {
    side.datasetProblem = `no ${path} at the ${at.label}`;
    return;
  }
  const parsed = parseDatasetManifest(text, path);
  if (parsed.manifest) side.dataset = parsed.manifest;
  else side.datasetProblem = `${path} at the ${at.label} is invalid (${parsed.diagnostics[0]?.message ?? "unknown"})`;
}

/** The newest drift report by file name (reports are named by date), if it parses. */
async function newestDrift(reader: ObjectReader, at: SideLocation): Promise<ModelSide["drift"]> {
  const newest = [...at.driftPaths].sort().at(-1);
  if (!newest) return undefined;
  const text = await readTextAt(reader, at.commit, newest);
  try {
    const result = DriftReportSchema.safeParse(JSON.parse(text ?? ""));
    return result.success ? { path: newest, report: result.data } : undefined;
  } catch {
    return undefined;
  }
}
