import { formatNumber } from "../../../core/charts/chart.ts";
import type { HistoryEvent, HistoryEventType } from "../../../core/schemas/history.ts";
import { plural } from "../../../core/util/plural.ts";
import { commitUrl, pullRequestUrl, type RepoLinks } from "../repo-links.ts";
import { routes } from "../urls.ts";
import { metricLabel } from "./metric-history.ts";

/** Short labels of event types. */
export const EVENT_LABELS: Record<HistoryEventType, string> = {
  created: "Created",
  version_changed: "New version",
  stage_changed: "Stage changed",
  evaluation_changed: "Evaluated",
  dataset_changed: "Dataset changed",
  owners_changed: "Owners changed",
  card_edited: "Card edited",
  drift_report_added: "Drift report",
  drift_report_rejudged: "Drift report re-judged",
  archived: "Archived",
  renamed: "Renamed",
  removed: "Removed",
};

/** One event ready to show: what happened in words, and where to read more. */
export interface TimelineEntry {
  /** Stable anchor id on the model page, e.g. `event-3f2a9c1d0b7e-stage_changed`. */
  anchor: string;
  event: HistoryEvent;
  label: string;
  summary: string;
  /** A page of this site about the event (drift report, dataset, metrics section), if any. */
  link: { href: string; text: string } | undefined;
  commitHref: string | undefined;
  pullRequestHref: string | undefined;
}

const arrow = (from: string | null | undefined, to: string | null | undefined) => `${from ?? "none"} → ${to ?? "none"}`;

/** What happened, in one sentence; the primary metric is named for evaluations. */
export function summarizeEvent(event: HistoryEvent, primaryMetric?: string): string {
  switch (event.type) {
    case "created":
      return `Created at version ${event.to ?? event.version ?? "unknown"}`;
    case "version_changed":
      return `Version ${arrow(event.from, event.to)}`;
    case "stage_changed":
    case "archived":
      return `Stage ${arrow(event.from, event.to)}`;
    case "evaluation_changed": {
      const value = primaryMetric === undefined ? undefined : event.metrics?.[primaryMetric];
      const metric =
        value === undefined || primaryMetric === undefined
          ? ""
          : `: ${metricLabel(primaryMetric)} ${formatNumber(value)}`;
      return `Evaluated version ${event.version ?? event.to ?? "unknown"}${metric}`;
    }
    case "dataset_changed":
      return `Dataset ${arrow(event.from, event.to)}`;
    case "owners_changed":
      return `Owners ${arrow(event.from, event.to)}`;
    case "card_edited":
      return "Card text edited";
    case "drift_report_added":
      return `Drift report of ${reportDate(event)}: ${verdictWords(event.to)}${driftedWords(event)}`;
    case "drift_report_rejudged":
      return `Drift report of ${reportDate(event)} re-judged: ${verdictWords(event.from)} → ${verdictWords(event.to)}${driftedWords(event)}`;
    case "renamed":
      return `Renamed ${arrow(event.from, event.to)}`;
    case "removed":
      return "Removed";
  }
}

const DRIFT_PATH = /^reports\/drift\/([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$/;

/** The date a drift event's report is for (its file name), or "unknown date". */
function reportDate(event: HistoryEvent): string {
  return (event.path ? DRIFT_PATH.exec(event.path)?.[2] : undefined) ?? "unknown date";
}

function verdictWords(verdict: string | null | undefined): string {
  return verdict === "drift" ? "dataset drift" : verdict === "no drift" ? "no dataset drift" : "verdict unknown";
}

/** " (2 columns drifted, share 0.5)" from the event's metrics, "" when it has none. */
function driftedWords(event: HistoryEvent): string {
  const count = event.metrics?.drifted_columns;
  const share = event.metrics?.drift_share;
  const parts = [
    count === undefined ? "" : `${plural(count, "column")} drifted`,
    share === undefined ? "" : `share ${formatNumber(share)}`,
  ].filter((part) => part !== "");
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

/**
 * Events newest first across commits, and within one commit too: git gives a commit's events
 * in the order they happened (created before evaluated; the card edit before the report it
 * re-judged), so each commit's run is reversed.
 */
export function newestFirst(events: readonly HistoryEvent[]): HistoryEvent[] {
  const ordered: HistoryEvent[] = [];
  let run: HistoryEvent[] = [];
  for (const event of events) {
    if (run.length > 0 && (run[0]?.commit !== event.commit || run[0]?.model !== event.model)) {
      ordered.push(...run.reverse());
      run = [];
    }
    run.push(event);
  }
  ordered.push(...run.reverse());
  return ordered;
}

/** The site page an event points to, when the site has one. */
export function eventLink(
  base: string,
  event: HistoryEvent,
  known: { driftDates: ReadonlySet<string>; datasets: ReadonlySet<string> },
): TimelineEntry["link"] {
  if ((event.type === "drift_report_added" || event.type === "drift_report_rejudged") && event.path) {
    const match = DRIFT_PATH.exec(event.path);
    if (match?.[2] && known.driftDates.has(match[2])) {
      return { href: routes.drift(base, event.model, match[2]), text: `drift report of ${match[2]}` };
    }
  }
  if (event.type === "dataset_changed" && event.to) {
    const id = event.to.split("@")[0] ?? "";
    if (known.datasets.has(id)) return { href: routes.dataset(base, id), text: `dataset ${event.to}` };
  }
  if (event.type === "evaluation_changed") return { href: "#metrics", text: "metrics" };
  return undefined;
}

/**
 * Why a report was re-judged: the monitoring tests that changed (from the two reports), else the
 * card change that came in the same commit, the usual reason for a new verdict.
 */
function sameCommitNote(event: HistoryEvent, events: readonly HistoryEvent[]): string {
  if (event.type !== "drift_report_rejudged") return "";
  if (event.retested?.length) return `, after its monitoring tests changed (${event.retested.join("; ")})`;
  const cardChanged = events.some(
    (other) => other.commit === event.commit && other.model === event.model && other.path?.startsWith("models/"),
  );
  return cardChanged ? `, with the model card changed in commit ${event.commit.slice(0, 7)}` : "";
}

/** The timeline of one model, newest first, with commit and pull request links when the repository URL is known. */
export function buildTimeline(
  base: string,
  events: readonly HistoryEvent[],
  links: RepoLinks,
  known: { driftDates: ReadonlySet<string>; datasets: ReadonlySet<string>; primaryMetric?: string },
): TimelineEntry[] {
  const seen = new Map<string, number>();
  return newestFirst(events).map((event) => {
    const key = `event-${event.commit.slice(0, 12)}-${event.type}`;
    const count = seen.get(key) ?? 0;
    seen.set(key, count + 1);
    return {
      anchor: count === 0 ? key : `${key}-${count + 1}`,
      event,
      label: EVENT_LABELS[event.type],
      summary: summarizeEvent(event, known.primaryMetric) + sameCommitNote(event, events),
      link: eventLink(base, event, known),
      commitHref: commitUrl(links, event.commit),
      pullRequestHref: event.pr === null ? undefined : pullRequestUrl(links, event.pr),
    };
  });
}
