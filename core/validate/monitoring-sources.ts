import { resolveSource } from "../data/source.ts";
import type { LoadedModelCard } from "../load/model-card.ts";
import type { Diagnostic } from "../util/diagnostic.ts";
import { AlmanacError } from "../util/errors.ts";
import { cardReferences } from "./card-references.ts";
import { pusher } from "./cross-references.ts";

/**
 * Checks that each card's `monitoring.current` (a path or glob from the repository root)
 * names data that exists and is in a format Almanac reads, as `almanac drift` will need it.
 * URIs are not fetched.
 */
export async function checkMonitoringSources(root: string, models: readonly LoadedModelCard[]): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  await Promise.all(models.map((loaded) => checkMonitoringSource(root, loaded, out)));
  return out;
}

/** The same check for one card, pushing its diagnostic to `out`. */
export async function checkMonitoringSource(root: string, loaded: LoadedModelCard, out: Diagnostic[]): Promise<void> {
  const monitoring = cardReferences(loaded)?.monitoring;
  if (monitoring?.current === undefined) return;
  try {
    await resolveSource(monitoring.current, {
      base: root,
      ...(monitoring.format ? { format: monitoring.format } : {}),
    });
  } catch (error) {
    if (!(error instanceof AlmanacError)) throw error;
    pusher(loaded, out)(
      ["monitoring", "current"],
      "ref.monitoring-current",
      error.message,
      "it is read from the repository root: fix the path or glob, commit the current data there, or use a URI (s3://, https://)",
    );
  }
}
