import type { ArtifactCheck } from "../artifacts/promotion-check.ts";
import { checkGates } from "../diff/gates.ts";
import type { GateCheck } from "../diff/types.ts";
import { SECTION_PROMPTS } from "../new/section-prompts.ts";
import type { DriftReport } from "../schemas/drift-report.ts";
import type { Evaluation } from "../schemas/evaluation.ts";
import type { ModelCard, Stage } from "../schemas/model-card.ts";
import { plural } from "../util/plural.ts";

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
 * gate failed in the evaluation itself, max_drop included) with at least one gate passed;
 * `production` also needs a min or max gate on the primary metric that passed, a complete
 * card (intended use and limitations written, not the scaffold's prompts; owners; a license
 * other than UNLICENSED), a clean latest drift report and its artifact published under the
 * evaluated digest. Archiving is always allowed. Pure.
 */
export function checkPromotion(inputs: PromotionInputs): PromotionCheck[] {
  if (inputs.target === "archived" || inputs.target === "proposed") return [];
  const checks: PromotionCheck[] = [evaluationCheck(inputs)];
  const evaluation = inputs.evaluation;
  if (evaluation)
    checks.push(currentCheck(inputs.card, evaluation), gatesCheck(inputs.card, evaluation, inputs.target));
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

function gatesCheck(card: ModelCard, evaluation: Evaluation, target: Stage): PromotionCheck {
  const recomputed = checkGates(card.evaluation.gates, evaluation, undefined).filter(
    (gate) => gate.kind !== "max_drop",
  );
  // The card's min/max re-checked here win over the evaluation's own record of the same gate,
  // so a failing gate is one reason, not two differently worded ones.
  const relative = evaluation.gates.filter((gate) => gate.kind === "max_drop");
  const judged = [...recomputed, ...relative];
  const problems = [...new Set(judged.filter((gate) => gate.passed === false).map((gate) => gate.message))];
  const passing = judged.filter((gate) => gate.passed === true).length;
  if (problems.length === 0 && !evaluation.passed) problems.push("the evaluation did not pass");
  const primary = target === "production" ? primaryGateProblem(card, recomputed) : undefined;
  if (primary) problems.push(primary);
  else if (problems.length === 0 && passing === 0) problems.push(noGatePassed(card, judged));
  if (problems.length === 0) return { check: "gates", passed: true, detail: `${plural(passing, "gate")} pass` };
  return { check: "gates", passed: false, detail: `gates fail: ${problems.join("; ")}` };
}

/** Why no gate counts: none declared, or none could be checked (no value, no baseline). */
function noGatePassed(card: ModelCard, judged: readonly { message: string }[]): string {
  const fix = `add an absolute gate, e.g. evaluation.gates.${card.evaluation.primary_metric}: { min: … }`;
  if (judged.length === 0) return `the card has no gate that can pass without a baseline: ${fix}`;
  return `no gate passed (${judged.map((gate) => gate.message).join("; ")}): ${fix}`;
}

/**
 * Production needs a min or max gate on the primary metric that passed: a model promoted on
 * relative gates alone may be as bad as its predecessor. Undefined when there is one, or when
 * it failed (that failure is already a reason).
 */
function primaryGateProblem(card: ModelCard, recomputed: readonly GateCheck[]): string | undefined {
  const metric = card.evaluation.primary_metric;
  const absolute = recomputed.filter((gate) => gate.metric === metric);
  if (absolute.some((gate) => gate.passed !== null)) return undefined;
  if (absolute.length > 0) return `production needs the min or max gate on ${metric} to pass, and it was not checked`;
  return `production needs a min or max gate on the primary metric ${metric}: add evaluation.gates.${metric}: { min: … }`;
}

function completeCheck(card: ModelCard, body: string): PromotionCheck {
  const missing = PRODUCTION_SECTIONS.flatMap((section) => sectionProblem(body, section) ?? []);
  const license = licenseProblem(card);
  if (card.owners.length === 0) missing.push("owners");
  if (license) missing.push(license);
  if (missing.length === 0)
    return { check: "card_complete", passed: true, detail: "intended use, limitations, owners and license present" };
  return {
    check: "card_complete",
    passed: false,
    detail: `the card is incomplete for production: ${missing.join("; ")}`,
  };
}

/** What a production card's section lacks: text, or text of its own instead of the scaffold's prompt. */
function sectionProblem(body: string, section: (typeof PRODUCTION_SECTIONS)[number]): string | undefined {
  const text = sectionText(body, section);
  if (!text) return `add a "## ${section}" section with text`;
  const prompt = SECTION_PROMPTS[section];
  if (normalizeSpace(text).includes(normalizeSpace(prompt)))
    return `"## ${section}" still holds the scaffold's prompt ("${prompt}"): replace it with this model's own text`;
  return undefined;
}

/** A production model needs a license people may use it under; npm's UNLICENSED says there is none. */
function licenseProblem(card: ModelCard): string | undefined {
  const license = card.license.trim();
  if (license === "") return "add a license";
  if (license.toUpperCase() === "UNLICENSED")
    return "license is UNLICENSED (the scaffold's default, meaning no one may use it): set an SPDX identifier such as MIT or Apache-2.0";
  return undefined;
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
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
    detail: `latest drift report ${drift.path} shows drift (${plural(report.drifted_columns, "column")}${columns.length > 0 ? `: ${columns.slice(0, 5).join(", ")}` : ""}); investigate or retrain before production`,
  };
}
