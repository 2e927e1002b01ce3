import type { DiffResult, ModelComparison } from "../diff/types.ts";
import { plural } from "../util/plural.ts";
import { markdownCode, escapeMarkdown as md } from "./escape.ts";
import { modelListLine, renderModelSection, type SectionOptions, VERDICT_ICON } from "./markdown-model.ts";

/** The hidden marker the comment poster finds its own comment by. Always the first line. */
export const REPORT_MARKER = "<!-- almanac-report -->";
/** GitHub rejects comment bodies longer than this many characters. */
export const COMMENT_LIMIT = 65_536;
/** Room kept for the truncation note and the footer. */
const RESERVE = 1_000;

/** Severity order of the sections: what needs attention first. */
const ORDER: readonly ModelComparison["verdict"][] = [
  "failed",
  "regressed",
  "not_compared",
  "new",
  "removed",
  "improved",
  "unchanged",
];

/** Options of {@link renderReportMarkdown}. */
export interface ReportOptions extends SectionOptions {
  /** Length limit of the whole comment (default GitHub's 65,536). */
  limit?: number;
}

/**
 * The pull request comment: the hidden marker, a one-line verdict, the compared refs, then a
 * collapsible section per model (most severe first). Every piece of user text is escaped.
 * Stays under the limit: sections that do not fit are shortened (no chart, no secondary
 * tables), then reduced to their summary line, then counted in a closing note. Pure.
 */
export function renderReportMarkdown(result: DiffResult, options: ReportOptions = {}): string {
  const limit = options.limit ?? COMMENT_LIMIT;
  const models = [...result.models].sort(
    (a, b) => ORDER.indexOf(a.verdict) - ORDER.indexOf(b.verdict) || a.model.localeCompare(b.model),
  );
  const head = [REPORT_MARKER, `**${verdictLine(result)}**`, "", refsLine(result), ...problemLines(result)];
  let body = head.join("\n");
  const budget = limit - RESERVE;
  let shortened = 0;
  let listed = 0;
  let omitted = 0;
  for (const model of models) {
    const full = renderModelSection(model, options);
    const compact = renderModelSection(model, { ...options, compact: true });
    const line = `- ${modelListLine(model)}`;
    if (body.length + full.length + 2 <= budget && shortened + listed === 0) body += `\n\n${full}`;
    else if (body.length + compact.length + 2 <= budget && listed === 0) {
      body += `\n\n${compact}`;
      shortened++;
    } else if (body.length + line.length + 2 <= budget) {
      body += `${listed === 0 ? "\n" : ""}\n${line}`;
      listed++;
    } else omitted++;
  }
  const note = truncationNote(shortened, listed, omitted, limit);
  if (note) body += `\n\n${note}`;
  body += `\n\n<sub>${md(footer(result))}</sub>\n`;
  return body.length <= limit ? body : `${body.slice(0, limit - 2)}\n`;
}

/**
 * The one-line verdict: gate failures first, then regressions, else "no regression", with
 * counts of each kind of model. Plain text (no user text but model ids, escaped). Pure.
 */
export function verdictLine(result: DiffResult): string {
  if (result.models.length === 0) {
    return result.problems.length > 0
      ? "❔ Almanac could not compare this change"
      : "✅ Almanac: no model is affected by this change";
  }
  const by = (verdict: ModelComparison["verdict"]) => result.models.filter((model) => model.verdict === verdict);
  const names = (list: readonly ModelComparison[]) =>
    list
      .slice(0, 3)
      .map((model) => md(model.model))
      .join(", ") + (list.length > 3 ? ` and ${list.length - 3} more` : "");
  const counts = ORDER.filter((verdict) => by(verdict).length > 0)
    .map(
      (verdict) =>
        `${by(verdict).length} ${verdict === "unchanged" ? "unchanged within noise" : verdict.replace("_", " ")}`,
    )
    .join(" · ");
  if (by("failed").length > 0) return `❌ Almanac: gates failed for ${names(by("failed"))} · ${counts}`;
  if (by("regressed").length > 0) return `⚠️ Almanac: ${names(by("regressed"))} regressed · ${counts}`;
  if (by("not_compared").length === result.models.length)
    return `❔ Almanac could not compare ${names(by("not_compared"))}`;
  return `✅ Almanac: no regression · ${counts}`;
}

function refsLine(result: DiffResult): string {
  const short = (sha: string | null) => (sha ? ` (${markdownCode(sha.slice(0, 7))})` : "");
  return `Compared ${markdownCode(result.base.ref)}${short(result.mergeBase ?? result.base.commit)} → ${markdownCode(result.head.ref)}${short(result.head.commit)} · ${plural(result.models.length, "model")} affected`;
}

function problemLines(result: DiffResult): string[] {
  const lines = [...result.problems, ...result.notes];
  return lines.length === 0 ? [] : ["", ...lines.map((line) => `> ${md(line)}`)];
}

function truncationNote(shortened: number, listed: number, omitted: number, limit: number): string | undefined {
  if (shortened + listed + omitted === 0) return undefined;
  const parts: string[] = [];
  if (shortened > 0)
    parts.push(`${shortened} section${shortened === 1 ? "" : "s"} shortened (no chart or secondary tables)`);
  if (listed > 0) parts.push(`${plural(listed, "model")} listed by verdict only`);
  if (omitted > 0) parts.push(`${plural(omitted, "model")} left out`);
  return `> **Truncated** to stay under ${limit === COMMENT_LIMIT ? "GitHub's " : ""}${limit.toLocaleString("en-US")}-character comment limit: ${parts.join(", ")}. Run \`almanac report\` or \`almanac diff\` locally for everything.`;
}

function footer(result: DiffResult): string {
  const icons = Object.entries(VERDICT_ICON)
    .filter(([verdict]) => result.models.some((model) => model.verdict === verdict))
    .map(([verdict, icon]) => `${icon} ${verdict.replace("_", " ")}`)
    .join(", ");
  return `Almanac report. Unchanged means the interval of the change contains 0.${icons ? ` Legend: ${icons}.` : ""}`;
}
