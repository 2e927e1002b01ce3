import { gzipSync } from "node:zlib";
import type { DatasetManifest } from "../../core/schemas/dataset-manifest.ts";
import type { ModelCard } from "../../core/schemas/model-card.ts";
import type { Random } from "../generator/random.ts";
import { targetClasses } from "./synthetic-evaluation.ts";

/**
 * A SYNTHETIC predictions file (`row_id,target,prediction[,p_<class>]`, gzipped) for a
 * generated model, so the benchmark's model pages draw the curves real ones do: binary
 * scores separate the classes as well as `quality` says, regression predictions miss the truth
 * by noise that grows as quality falls. Multiclass models get none (their pages draw no curves).
 */
export function syntheticPredictions(
  card: ModelCard,
  manifest: DatasetManifest | undefined,
  rows: number,
  quality: number,
  random: Random,
): Buffer | undefined {
  if (card.task === "multiclass-classification") return undefined;
  const lines: string[] = [];
  if (card.task === "regression") {
    lines.push("row_id,target,prediction");
    const noise = 1 + (1 - quality) * 6;
    for (let row = 1; row <= rows; row++) {
      const truth = 20 + 6 * random.normal();
      lines.push(`${row},${round(truth)},${round(truth + noise * random.normal())}`);
    }
  } else {
    const [negative, positive] = targetClasses(card, manifest).slice(-2) as [string, string];
    lines.push(`row_id,target,prediction,p_${negative},p_${positive}`);
    const separation = 4 * quality;
    for (let row = 1; row <= rows; row++) {
      const isPositive = random.next() < 0.4;
      const score = 1 / (1 + Math.exp(-((isPositive ? 1 : -1) * separation * 0.5 + 1.2 * random.normal())));
      lines.push(
        `${row},${isPositive ? positive : negative},${score >= 0.5 ? positive : negative},${round(1 - score)},${round(score)}`,
      );
    }
  }
  return gzipSync(`${lines.join("\n")}\n`);
}

const round = (value: number) => Number(value.toPrecision(6));
