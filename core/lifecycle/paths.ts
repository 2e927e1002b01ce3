/** What a repository path is, for the lifecycle. */
export interface LifecyclePath {
  kind: "card" | "evaluation" | "predictions" | "drift";
  /** Model folder (its id at that commit). */
  folder: string;
}

const CARD = /^models\/([^/]+)\/model\.md$/;
const EVALUATION = /^reports\/models\/([^/]+)\/evaluation\.json$/;
const PREDICTIONS = /^reports\/models\/([^/]+)\/predictions\.csv(\.gz)?$/;
const DRIFT = /^reports\/drift\/([^/]+)\/[^/]+\.json$/;

/** The paths whose history is a model's lifecycle, as git pathspecs. */
export const LIFECYCLE_PATHSPECS = ["models", "reports/models", "reports/drift"] as const;

/** Classifies a path from the repository root; undefined when it is not a lifecycle file. Pure. */
export function classifyPath(path: string): LifecyclePath | undefined {
  for (const [kind, pattern] of [
    ["card", CARD],
    ["evaluation", EVALUATION],
    ["predictions", PREDICTIONS],
    ["drift", DRIFT],
  ] as const) {
    const match = pattern.exec(path);
    if (match?.[1]) return { kind, folder: match[1] };
  }
  return undefined;
}

/** Paths of a model's files, by id. */
export function modelPaths(id: string) {
  return {
    card: `models/${id}/model.md`,
    folder: `models/${id}/`,
    evaluation: `reports/models/${id}/evaluation.json`,
    predictions: `reports/models/${id}/predictions.csv.gz`,
    driftFolder: `reports/drift/${id}/`,
  };
}
