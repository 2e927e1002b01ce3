import { z } from "zod";

/** Kinds of lifecycle event `almanac history` derives from git. */
export const HISTORY_EVENT_TYPES = [
  "created",
  "version_changed",
  "stage_changed",
  "evaluation_changed",
  "dataset_changed",
  "owners_changed",
  "card_edited",
  "drift_report_added",
  "drift_report_rejudged",
  "archived",
  "renamed",
  "removed",
] as const;

export const HistoryEventTypeSchema = z
  .enum(HISTORY_EVENT_TYPES)
  .describe(
    "What happened: created, version_changed, stage_changed, evaluation_changed, dataset_changed, owners_changed, card_edited, drift_report_added, drift_report_rejudged (a committed drift report rewritten with another verdict), archived, renamed or removed.",
  );
export type HistoryEventType = z.infer<typeof HistoryEventTypeSchema>;

/**
 * One lifecycle event of one model, derived from one commit. `readHistory` in
 * core/git/history.ts returns these newest first (git log order).
 */
export const HistoryEventSchema = z
  .strictObject({
    model: z
      .string()
      .min(1)
      .describe("Current id of the model (after any later rename), so all events of a model share it."),
    type: HistoryEventTypeSchema,
    commit: z
      .string()
      .regex(/^[0-9a-f]{40,64}$/, "expected a full commit hash")
      .describe("Full hash of the commit the event comes from."),
    date: z.string().describe("Committer date of the commit, ISO 8601 with offset (e.g. 2026-01-31T12:00:00+01:00)."),
    author: z.string().describe("Author name of the commit."),
    pr: z
      .number()
      .int()
      .positive()
      .nullable()
      .describe(
        "Pull request number from the commit subject (squash '… (#123)' or 'Merge pull request #45 from …'), or of the merge commit that brought the commit in; null when none.",
      ),
    subject: z.string().describe("First line of the commit message."),
    from: z
      .string()
      .nullable()
      .optional()
      .describe(
        "Value before the change: old version, stage, dataset id@version, owners (comma-separated) or old model id for renamed; null when there was none.",
      ),
    to: z
      .string()
      .nullable()
      .optional()
      .describe(
        "Value after the change: new version, stage, dataset id@version, owners (comma-separated) or new model id for renamed; null when there is none.",
      ),
    metrics: z
      .record(z.string(), z.number())
      .optional()
      .describe("For evaluation_changed: the metric values of the new evaluation by metric name."),
    retested: z
      .array(z.string())
      .optional()
      .describe(
        "For drift_report_rejudged: the columns whose test or threshold changed from the rewritten report, e.g. 'temp_max: ks 0.05 → wasserstein_norm 0.1' (absent when the tests are the same, i.e. the data changed).",
      ),
    version: z.string().nullable().optional().describe("Card version at this commit, when the card was readable."),
    artifact: z
      .strictObject({
        sha256: z.string().describe("SHA-256 of the packed artifact the evaluation records."),
        size: z.number().int().nonnegative().describe("Its size in bytes."),
        store: z
          .string()
          .nullable()
          .describe("The store the model's card names now (artifact.store), or null when it names none."),
        pull: z.string().describe("The exact command that pulls this version, e.g. `npx almanac pull car-mpg@1.0.0`."),
      })
      .optional()
      .describe(
        "For evaluation_changed: the artifact of the evaluated version, where it is stored and how to pull it.",
      ),
    path: z
      .string()
      .optional()
      .describe("File the event is about, from the repository root (the card, evaluation.json or drift report)."),
  })
  .describe("One lifecycle event of a model, read from git history.");
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;

/** The JSON `almanac history --json` prints: the events, newest first. */
export const HistoryDocumentSchema = z
  .strictObject({
    model: z.string().nullable().describe("The model asked for, or null for every model."),
    events: z.array(HistoryEventSchema).describe("Lifecycle events, newest first."),
  })
  .describe("Output of `almanac history --json`.");
export type HistoryDocument = z.infer<typeof HistoryDocumentSchema>;
