import type { LoadedDatasetManifest } from "../../../core/load/dataset-manifest.ts";
import type { LoadedModelCard } from "../../../core/load/model-card.ts";
import type { DatasetManifest } from "../../../core/schemas/dataset-manifest.ts";
import type { HistoryEvent } from "../../../core/schemas/history.ts";
import type { ModelCard } from "../../../core/schemas/model-card.ts";
import { type Diagnostic, sortDiagnostics } from "../../../core/util/diagnostic.ts";
import { validateRepository } from "../../../core/validate/validate-repository.ts";
import { type EvaluationCurves, loadCurves } from "./curves.ts";
import { InvalidRepositoryError } from "./format.ts";
import { loadHistory } from "./history.ts";
import {
  type LoadedDriftReport,
  type LoadedEvaluation,
  type LoadedProfile,
  loadDriftReports,
  loadEvaluations,
  loadProfiles,
} from "./reports.ts";

/** A valid model card with where it came from. */
export interface SiteModel {
  file: string;
  card: ModelCard;
  body: string;
}

/** A valid dataset manifest with where it came from. */
export interface SiteDataset {
  file: string;
  manifest: DatasetManifest;
}

/** Everything the catalogue is built from, all of it valid. */
export interface SiteData {
  root: string;
  models: SiteModel[];
  datasets: SiteDataset[];
  evaluations: (LoadedEvaluation & { curves: EvaluationCurves | undefined })[];
  driftReports: LoadedDriftReport[];
  profiles: LoadedProfile[];
  /** Lifecycle events, newest first. */
  history: HistoryEvent[];
  /** Findings that do not fail the build (shown in the build log). */
  warnings: Diagnostic[];
}

/**
 * Reads the repository for the catalogue through the core library: `validateRepository`
 * (schemas and cross references; the data checks run in `almanac validate`, the first
 * half of `npm run build`), every report against its schema, and the git history. Throws
 * one {@link InvalidRepositoryError} listing every error of every file.
 */
export async function loadSiteData(root: string): Promise<SiteData> {
  const [validation, evaluations, drift, profiles, history] = await Promise.all([
    validateRepository(root, { skipData: true }),
    loadEvaluations(root),
    loadDriftReports(root),
    loadProfiles(root),
    loadHistory(root),
  ]);
  const diagnostics = sortDiagnostics([
    ...validation.diagnostics,
    ...evaluations.diagnostics,
    ...drift.diagnostics,
    ...profiles.diagnostics,
    ...history.diagnostics,
  ]);
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
  if (errors.length > 0) throw new InvalidRepositoryError(errors);
  const models = validation.repository.models.filter((model): model is LoadedModelCard & { card: ModelCard } =>
    Boolean(model.card),
  );
  const datasets = validation.repository.datasets.filter(
    (dataset): dataset is LoadedDatasetManifest & { manifest: DatasetManifest } => Boolean(dataset.manifest),
  );
  const known = new Set(models.map((model) => model.card.id));
  const kept = evaluations.values.filter((evaluation) => known.has(evaluation.model));
  const curves = await Promise.all(kept.map((loaded) => loadCurves(root, loaded.evaluation)));
  return {
    root,
    models: models.map((model) => ({ file: model.file, card: model.card, body: model.body })),
    datasets: datasets.map((dataset) => ({ file: dataset.file, manifest: dataset.manifest })),
    evaluations: kept.map((loaded, i) => ({ ...loaded, curves: curves[i]?.curves })),
    driftReports: drift.values.filter((report) => known.has(report.model)),
    profiles: profiles.values,
    history: history.events.filter((event) => known.has(event.model)),
    warnings: [
      ...diagnostics.filter((diagnostic) => diagnostic.severity === "warning"),
      ...curves.flatMap((result) => (result.warning ? [result.warning] : [])),
    ],
  };
}

/**
 * How long a read is shared after it finishes: long enough for every collection loader
 * of one build (they start together), short enough that `astro dev` sees later edits.
 */
const SHARE_MS = 30_000;

/** The collections that read the repository through {@link siteData}, one loader each. */
export const SITE_COLLECTIONS = ["models", "datasets", "evaluations", "drift", "profiles", "history"] as const;
export type SiteCollection = (typeof SITE_COLLECTIONS)[number];

interface SharedRead {
  pending: Promise<SiteData>;
  settledAt: number | undefined;
  /** The collections that have taken this read. */
  readers: Set<SiteCollection>;
}

const cache = new Map<string, SharedRead>();

/**
 * {@link loadSiteData} shared by every collection loader of a build: the repository is read
 * and validated once. Once every collection has taken its part, the read is let go (the
 * collections keep their own, validated copies): a large registry's read, every card, report
 * and event, would otherwise stay in memory through the rest of the build.
 */
export function siteData(root: string, reader: SiteCollection): Promise<SiteData> {
  const cached = cache.get(root);
  const fresh = cached && (cached.settledAt === undefined || Date.now() - cached.settledAt < SHARE_MS);
  const entry: SharedRead =
    cached && fresh && !cached.readers.has(reader)
      ? cached
      : { pending: loadSiteData(root), settledAt: undefined, readers: new Set() };
  if (entry !== cached) {
    const settle = () => {
      entry.settledAt = Date.now();
    };
    entry.pending.then(settle, settle);
    cache.set(root, entry);
  }
  entry.readers.add(reader);
  if (SITE_COLLECTIONS.every((collection) => entry.readers.has(collection))) cache.delete(root);
  return entry.pending;
}
