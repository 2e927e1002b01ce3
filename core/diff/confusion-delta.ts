import type { IntervalSettings } from "../evaluate/settings.ts";
import { STREAM_CONFUSION } from "../evaluate/settings.ts";
import { buildConfusion } from "../metrics/confusion-matrix.ts";
import type { ConfusionMetric } from "../metrics/intervals/confusion-bootstrap.ts";
import { multinomial } from "../metrics/intervals/multinomial.ts";
import { createRandom } from "../metrics/intervals/prng.ts";
import type { ClassificationData, Confusion } from "../metrics/types.ts";

/** Generator stream of the head side in an unpaired comparison (the base uses STREAM_CONFUSION). */
export const STREAM_CONFUSION_HEAD = STREAM_CONFUSION + 100;

/**
 * Bootstrap replicates of metric(head) − metric(base) for confusion-matrix metrics.
 *
 * Paired (same rows): a row resample is fully described by how often each
 * (truth, base prediction, head prediction) triple is drawn, so each replicate draws that
 * k³ table from Multinomial(n, joint / n) and reads both confusion matrices off it as
 * margins: exactly the paired row bootstrap, in O(B · k³) whatever n is (the same argument
 * as core/metrics/intervals/confusion-bootstrap.ts, one dimension up).
 *
 * Unpaired: each side's confusion matrix is resampled on its own stream.
 * Returns one Float64Array of B deltas per metric. Pure for a given seed.
 */
export function confusionDeltaReplicates(
  base: ClassificationData,
  head: ClassificationData,
  paired: boolean,
  metrics: readonly ConfusionMetric[],
  settings: IntervalSettings,
): Float64Array[] {
  const k = base.labels.length;
  const replicates = metrics.map(() => new Float64Array(settings.resamples));
  const resampledBase: Confusion = { k, counts: new Float64Array(k * k) };
  const resampledHead: Confusion = { k, counts: new Float64Array(k * k) };
  const record = (b: number) => {
    for (let m = 0; m < metrics.length; m++) {
      const metric = metrics[m] as ConfusionMetric;
      (replicates[m] as Float64Array)[b] = metric(resampledHead) - metric(resampledBase);
    }
  };
  if (paired) {
    const joint = jointCounts(base, head);
    const drawn = new Float64Array(joint.length);
    const random = createRandom(settings.seed, STREAM_CONFUSION);
    for (let b = 0; b < settings.resamples; b++) {
      multinomial(random, base.truth.length, joint, drawn);
      marginals(drawn, k, resampledBase.counts, resampledHead.counts);
      record(b);
    }
    return replicates;
  }
  const sides = [
    { confusion: buildConfusion(base.truth, base.predicted, k), out: resampledBase, stream: STREAM_CONFUSION },
    { confusion: buildConfusion(head.truth, head.predicted, k), out: resampledHead, stream: STREAM_CONFUSION_HEAD },
  ].map((side) => ({
    ...side,
    random: createRandom(settings.seed, side.stream),
    total: side.confusion.counts.reduce((a, c) => a + c, 0),
  }));
  for (let b = 0; b < settings.resamples; b++) {
    for (const side of sides) multinomial(side.random, side.total, side.confusion.counts, side.out.counts);
    record(b);
  }
  return replicates;
}

/** Counts of (truth, base prediction, head prediction): index t·k² + p_base·k + p_head. O(n). */
export function jointCounts(base: ClassificationData, head: ClassificationData): Float64Array {
  const k = base.labels.length;
  const joint = new Float64Array(k * k * k);
  for (let i = 0; i < base.truth.length; i++) {
    const t = base.truth[i] as number;
    const cell = t * k * k + (base.predicted[i] as number) * k + (head.predicted[i] as number);
    joint[cell] = (joint[cell] as number) + 1;
  }
  return joint;
}

/** The two confusion matrices (truth × base, truth × head) a joint table implies. O(k³). */
export function marginals(joint: Float64Array, k: number, baseOut: Float64Array, headOut: Float64Array): void {
  baseOut.fill(0);
  headOut.fill(0);
  for (let t = 0; t < k; t++) {
    for (let pb = 0; pb < k; pb++) {
      for (let ph = 0; ph < k; ph++) {
        const count = joint[t * k * k + pb * k + ph] as number;
        if (count === 0) continue;
        baseOut[t * k + pb] = (baseOut[t * k + pb] as number) + count;
        headOut[t * k + ph] = (headOut[t * k + ph] as number) + count;
      }
    }
  }
}
