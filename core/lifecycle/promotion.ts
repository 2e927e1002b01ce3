import type { ArtifactCheck } from "../artifacts/promotion-check.ts";
import { checkGates } from "../diff/gates.ts";
import type { DriftReport } from "../schemas/drift-report.ts";
import type { Evaluation } from "../schemas/evaluation.ts";
import type { ModelCard, Stage } from "../schemas/model-card.ts";

/** One condition of a promotion and whether it holds. */
export interface PromotionCheck {
  /** Stable name: evaluation, evaluation_current, gates, card_complete, drift. */
  check: string;
  passed: boolean;
  /** What was found, and for a failure how to fix it. */
  detail: string;
}

/** What a promotion is judged on. */
export interface PromotionInputs {
  card: ModelCard;
  /** The card's Markdown body (for the required sections). */
  body: string;
  evaluation: Evaluation | undefined;
  /** Why there is no usable evaluation. */
  evaluationProblem: string | undefined;
  /** The newest drift report, with its path. */
  drift: { path: string; report: DriftReport } | undefined;
  target: Stage;
  /** Production only: whether the evaluated artifact is published under its digest (asked of the store). */
  artifact?: ArtifactCheck;
}

/** Sections a production card must have, with text under them. */
export const PRODUCTION_SECTIONS = ["Intended use", "Limitations"] as const;

/**
 * The conditions of moving a card to `target`: any stage but `archived` needs an evaluation
 * of the card's current version whose gates pass (the card's min/max gates re-checked, and no
 * gate failed in the evaluation itself, max_drop included); `production` also needs a
 * complete card (intended use, limitations, owners, license), a clean latest drift
 * report and its artifact published under the evaluated digest. Archiving is always allowed. Pure.
 */
export function checkPromotion(inputs: PromotionInputs): PromotionCheck[] {
  if (inputs.target === "archived" || inputs.target === "proposed") return [];
  const checks: PromotionCheck[] = [evaluationCheck(inputs)];
  const evaluation = inputs.evaluation;
  if (evaluation) checks.push(currentCheck(inputs.card, evaluation), gatesCheck(inputs.card, evaluation));
  if (inputs.target === "production") checks.push(completeCheck(inputs.card, inputs.body), driftCheck(inputs));
  if (inputs.target === "production" && inputs.artifact) checks.push(inputs.artifact);
  return checks;
}

function evaluationCheck(inputs: PromotionInputs): PromotionCheck {
  if (inputs.evaluation) return { check: "evaluation", passed: true, detail: "evaluation.json found" };
  return {
    check: "evaluation",
    passed: false,
    detail: `${inputs.evaluationProblem ?? "no evaluation"}: run \`almanac evaluate ${inputs.card.id}\` first`,
  };
}

function currentCheck(card: ModelCard, evaluation: Evaluation): PromotionCheck {
  const stale: string[] = [];
  if (evaluation.model.version !== card.version) stale.push(`evaluates version ${evaluation.model.version}`);
  if (evaluation.provenance.dataset.version !== card.dataset.version) {
    stale.push(
      `used dataset version ${evaluation.provenance.dataset.version}, the card trains on ${card.dataset.version}`,
    );
  }
  if (stale.length === 0)
    return { check: "evaluation_current", passed: true, detail: `evaluation is of version ${card.version}` };
  return {
    check: "evaluation_current",
    passed: false,
    detail: `the evaluation is stale: it ${stale.join(" and ")}, the card is version ${card.version}; run \`almanac evaluate ${card.id}\``,
  };
}

function gatesCheck(card: ModelCard, evaluation: Evaluation): PromotionCheck {
  const recomputed = checkGates(card.evaluation.gates, evaluation, undefined).filter(
    (gate) => gate.kind !== "max_drop",
  );
  const failed = [
    ...recomputed.filter((gate) => gate.passed === false).map((gate) => gate.message),
    ...evaluation.gates.filter((gate) => gate.passed === false).map((gate) => gate.message),
  ];
  const unique = [...new Set(failed)];
  if (unique.length === 0 && evaluation.passed) {
    const count = recomputed.length;
    return { check: "gates", passed: true, detail: `${count} gate${count === 1 ? "" : "s"} pass` };
  }
  return {
    check: "gates",
    passed: false,
    detail: `gates fail: ${unique.join("; ") || "the evaluation did not pass"}`,
  };
}

function completeCheck(card: ModelCard, body: string): PromotionCheck {
  const missing: string[] = [];
  for (const section of PRODUCTION_SECTIONS)
    if (!sectionText(body, section)) missing.push(`a "## ${section}" section with text`);
  if (card.owners.length === 0) missing.push("owners");
  if (card.license.trim() === "") missing.push("a license");
  if (missing.length === 0)
    return { check: "card_complete", passed: true, detail: "intended use, limitations, owners and license present" };
  return {
    check: "card_complete",
    passed: false,
    detail: `the card is incomplete for production: add ${missing.join(", ")}`,
  };
}

/** The text under a `## <title>` heading (case-insensitive) up to the next heading of level ≤ 2. Pure. */
export function sectionText(body: string, title: string): string {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const start = lines.findIndex((line) => new RegExp(`^##\\s+${title}\\s*#*\\s*$`, "i").test(line));
  if (start === -1) return "";
  const end = lines.findIndex((line, index) => index > start && /^#{1,2}\s/.test(line));
  return lines
    .slice(start + 1, end === -1 ? undefined : end)
    .join("\n")
    .trim();
}

function driftCheck(inputs: PromotionInputs): PromotionCheck {
  const drift = inputs.drift;
  if (!drift) {
    return {
      check: "drift",
      passed: false,
      detail: `no drift report in reports/drift/${inputs.card.id}/: run \`almanac drift ${inputs.card.id}\` and commit the report`,
    };
  }
  const { report } = drift;
  if (!report.dataset_drift) {
    return { check: "drift", passed: true, detail: `latest drift report ${drift.path} is clean` };
  }
  const columns = report.columns.filter((column) => column.drifted).map((column) => column.column);
  return {
    check: "drift",
    passed: false,
    detail: `latest drift report ${drift.path} shows drift (${report.drifted_columns} column${report.drifted_columns === 1 ? "" : "s"}${columns.length > 0 ? `: ${columns.slice(0, 5).join(", ")}` : ""}); investigate or retrain before production`,
  };
}
