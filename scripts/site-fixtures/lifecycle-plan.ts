import type { Stage } from "../../core/schemas/model-card.ts";
import type { Random } from "../generator/random.ts";

/** One step of a model's synthetic life. */
export type LifecycleStep =
  | { kind: "create"; version: string; stage: Stage }
  | { kind: "evaluate"; version: string; quality: number }
  | { kind: "version"; version: string; quality: number }
  | { kind: "stage"; stage: Stage }
  | { kind: "drift"; date: string; intensity: number };

const DAY = 86_400;

function previousVersion(version: string): string | undefined {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.+-]/).map(Number);
  if (patch > 0) return `${major}.${minor}.0`;
  if (minor > 0) return `${major}.${minor - 1}.0`;
  if (major > 0) return `${major - 1}.9.0`;
  return undefined;
}

/** Up to `count` versions ending at `final`, each the previous minor release, e.g. 0.9.0, 1.0.0, 1.0.3. */
export function versionPath(final: string, count: number): string[] {
  const path = [final];
  while (path.length < count) {
    const previous = previousVersion(path[0] as string);
    if (previous === undefined) break;
    path.unshift(previous);
  }
  return path;
}

/** The stages a model passes through to reach `final`, after being proposed. */
function stagePath(final: Stage): Stage[] {
  if (final === "proposed") return [];
  if (final === "staging") return ["staging"];
  if (final === "production") return ["staging", "production"];
  return ["staging", "production", "archived"];
}

/**
 * A plausible life for a model ending at its card's version and stage: created as
 * proposed, evaluated, new versions with better numbers, promoted step by step, and
 * monthly drift reports once in production (when monitored).
 */
export function planLifecycle(
  final: { version: string; stage: Stage; monitored: boolean },
  random: Random,
  options: { versions: number; driftReports: number },
): LifecycleStep[] {
  const versions = versionPath(final.version, options.versions);
  const stages = stagePath(final.stage);
  let quality = 0.62 + random.next() * 0.2;
  const steps: LifecycleStep[] = [{ kind: "create", version: versions[0] ?? final.version, stage: "proposed" }];
  steps.push({ kind: "evaluate", version: versions[0] ?? final.version, quality });
  versions.slice(1).forEach((version, index) => {
    quality = Math.min(0.97, quality + 0.01 + random.next() * 0.03);
    steps.push({ kind: "version", version, quality });
    const stage = stages[index];
    if (stage && stage !== "archived") steps.push({ kind: "stage", stage });
  });
  for (const stage of stages.slice(Math.max(0, versions.length - 1)))
    if (stage !== "archived") steps.push({ kind: "stage", stage });
  if (final.monitored && final.stage === "production") {
    for (let month = 0; month < options.driftReports; month++) {
      const date = new Date(Date.UTC(2025, 6 + month, 1)).toISOString().slice(0, 10);
      const intensity = month === options.driftReports - 1 && random.chance(0.4) ? 0.9 : random.next() * 0.3;
      steps.push({ kind: "drift", date, intensity });
    }
  }
  if (final.stage === "archived") steps.push({ kind: "stage", stage: "archived" });
  return steps;
}

/** Seconds for step `index` of model `modelIndex`: models interleave, each step a few days apart. */
export function stepTime(modelIndex: number, index: number, step: LifecycleStep): number {
  const start = Date.UTC(2025, 0, 6) / 1000;
  if (step.kind === "drift") return Date.parse(`${step.date}T06:00:00Z`) / 1000 + (modelIndex % 600);
  return start + index * 9 * DAY + (modelIndex % 97) * 3600 + modelIndex;
}

export { DAY };
