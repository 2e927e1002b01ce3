import type { Evaluation } from "../../../core/schemas/evaluation.ts";
import type { HistoryEvent } from "../../../core/schemas/history.ts";
import type { ModelCard } from "../../../core/schemas/model-card.ts";
import type { LoadedDriftReport } from "../data/reports.ts";
import { commitUrl, type RepoLinks } from "../repo-links.ts";
import { routes } from "../urls.ts";
import { type DriftState, driftState } from "./drift-state.ts";

/** Gate results counted honestly: a gate that could not be checked is neither passed nor failed. */
export interface GateCounts {
  passed: number;
  failed: number;
  notChecked: number;
}

/** The answers a reader opens a model page for, before any chart. */
export interface Verdict {
  stage: ModelCard["stage"];
  version: string;
  owners: string[];
  /** Undefined when the model has no evaluation. */
  gates: GateCounts | undefined;
  drift: { state: DriftState; latest: { date: string; href: string } | undefined };
  /** The latest evaluation: the version evaluated, when its report was committed and where. */
  evaluated:
    | { version: string; date: string | undefined; commit: string | undefined; commitHref: string | undefined }
    | undefined;
}

/** Counts gate results: passed (true), failed (false), not checked (null). */
export function countGates(gates: Evaluation["gates"]): GateCounts {
  return {
    passed: gates.filter((gate) => gate.passed === true).length,
    failed: gates.filter((gate) => gate.passed === false).length,
    notChecked: gates.filter((gate) => gate.passed === null).length,
  };
}

/**
 * Gate counts in words, zero parts left out: "2 passed, 1 not checked"; "no gates" when
 * the card sets none.
 *
 * @example gateSummary({passed: 2, failed: 0, notChecked: 1}) // "2 passed, 1 not checked"
 */
export function gateSummary(counts: GateCounts): string {
  const parts = [
    counts.passed > 0 ? `${counts.passed} passed` : "",
    counts.failed > 0 ? `${counts.failed} failed` : "",
    counts.notChecked > 0 ? `${counts.notChecked} not checked` : "",
  ].filter((part) => part !== "");
  return parts.length === 0 ? "no gates" : parts.join(", ");
}

/** Builds the verdict box of one model; events newest first, drift reports oldest first. */
export function buildVerdict(
  base: string,
  card: ModelCard,
  evaluation: Evaluation | undefined,
  events: readonly HistoryEvent[],
  reports: readonly LoadedDriftReport[],
  links: RepoLinks,
): Verdict {
  const latestReport = reports.at(-1);
  const evaluatedEvent = events.find((event) => event.type === "evaluation_changed");
  const commit = evaluatedEvent?.commit ?? evaluation?.provenance.commit ?? undefined;
  return {
    stage: card.stage,
    version: card.version,
    owners: card.owners,
    gates: evaluation ? countGates(evaluation.gates) : undefined,
    drift: {
      state: driftState(reports),
      latest: latestReport
        ? { date: latestReport.date, href: routes.drift(base, card.id, latestReport.date) }
        : undefined,
    },
    evaluated: evaluation
      ? {
          version: evaluation.model.version,
          date: evaluatedEvent?.date,
          commit,
          commitHref: commit === undefined ? undefined : commitUrl(links, commit),
        }
      : undefined,
  };
}
