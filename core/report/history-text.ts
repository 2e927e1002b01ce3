import { formatBytes } from "../artifacts/format.ts";
import type { HistoryEvent } from "../schemas/history.ts";
import { plural } from "../util/plural.ts";
import { sanitizeTerminal } from "./escape.ts";

/** Colour functions (identity when colour is off). */
export interface TextStyle {
  dim: (text: string) => string;
  bold: (text: string) => string;
  green: (text: string) => string;
  red: (text: string) => string;
  yellow: (text: string) => string;
}

const PLAIN: TextStyle = { dim: String, bold: String, green: String, red: String, yellow: String };
const TYPE_WIDTH = 19;
const SHORT_SHA = 7;
const MAX_METRICS = 4;

/**
 * The lifecycle timeline for a terminal, grouped by model (models sorted by id, events in
 * the order given, newest first), one event a line:
 * `2025-01-02  stage_changed       proposed → staging   a1b2c3d  #45  Ada Lovelace  Bump churn`. Pure.
 */
export function renderHistoryText(events: readonly HistoryEvent[], style: TextStyle = PLAIN): string {
  if (events.length === 0) return "no lifecycle events";
  const byModel = new Map<string, HistoryEvent[]>();
  for (const event of events) {
    const list = byModel.get(event.model) ?? [];
    list.push(event);
    byModel.set(event.model, list);
  }
  const out: string[] = [];
  for (const model of [...byModel.keys()].sort()) {
    const list = byModel.get(model) ?? [];
    out.push(style.bold(`${sanitizeTerminal(model)} (${plural(list.length, "event")})`));
    for (const event of list) out.push(`  ${renderEventLine(event, style)}`);
    out.push("");
  }
  return out.join("\n").trimEnd();
}

/** One event on one line. Pure. */
export function renderEventLine(event: HistoryEvent, style: TextStyle = PLAIN): string {
  const date = event.date.slice(0, 10);
  const type = event.type.padEnd(TYPE_WIDTH);
  const pr = event.pr === null ? "" : `#${event.pr}  `;
  const what = sanitizeTerminal(describeEvent(event));
  const parts = [`${style.dim(date)}  ${colourType(event.type, style)(type)} ${what}`];
  const author = sanitizeTerminal(event.author);
  parts.push(style.dim(`${event.commit.slice(0, SHORT_SHA)}  ${pr}${author}  ${sanitizeTerminal(event.subject)}`));
  return parts.join("  ");
}

/** What changed, in words: `proposed → staging`, `accuracy 0.912, f1 0.871`. Pure. */
export function describeEvent(event: HistoryEvent): string {
  if (event.type === "evaluation_changed") {
    const metrics = Object.entries(event.metrics ?? {}).slice(0, MAX_METRICS);
    const values = metrics.map(([name, value]) => `${name} ${formatNumber(value)}`).join(", ");
    const version = event.to ? `v${event.to}` : "unreadable evaluation";
    const artifact = event.artifact
      ? ` · artifact sha256:${event.artifact.sha256.slice(0, 12)}… ${formatBytes(event.artifact.size)}${event.artifact.store ? ` in ${event.artifact.store}` : ""} · ${event.artifact.pull}`
      : "";
    return `${values ? `${version}: ${values}` : version}${artifact}`;
  }
  if (event.type === "drift_report_added") {
    const share = event.metrics?.drift_share;
    return `${event.to ?? "unreadable report"}${share === undefined ? "" : ` (drift share ${formatNumber(share)})`}`;
  }
  if (event.type === "drift_report_rejudged") {
    const share = event.metrics?.drift_share;
    const retested = event.retested?.length ? `; tests changed: ${event.retested.join("; ")}` : "";
    return `${event.from ?? "unreadable report"} → ${event.to ?? "unreadable report"}${share === undefined ? "" : ` (drift share ${formatNumber(share)})`}${retested}`;
  }
  if (event.type === "card_edited") return event.version ? `v${event.version}` : "";
  if (event.type === "created") return event.to ? `v${event.to}` : "";
  if (event.type === "removed") return event.from ? `was v${event.from}` : "";
  return `${event.from ?? "(none)"} → ${event.to ?? "(none)"}`;
}

function colourType(type: HistoryEvent["type"], style: TextStyle): (text: string) => string {
  if (type === "created") return style.green;
  if (type === "removed" || type === "archived") return style.red;
  if (type === "stage_changed" || type === "version_changed") return style.yellow;
  return (text) => text;
}

/** A number with at most 4 significant decimals, for people. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}
