import { didYouMean } from "../util/suggest.ts";
import { chisquare } from "./tests/chisquare.ts";
import { hellinger } from "./tests/hellinger.ts";
import { jensenshannon } from "./tests/jensenshannon.ts";
import { klDiv } from "./tests/kl-div.ts";
import { ks } from "./tests/ks.ts";
import { linf } from "./tests/linf.ts";
import { psi } from "./tests/psi.ts";
import { wasserstein } from "./tests/wasserstein.ts";
import { wassersteinNorm } from "./tests/wasserstein-norm.ts";
import { z } from "./tests/z.ts";
import type { DriftTest } from "./types.ts";

/** Every drift test, by registry name. Each lives in its own file under tests/. */
export const DRIFT_TESTS: readonly DriftTest[] = [
  ks,
  chisquare,
  z,
  psi,
  jensenshannon,
  klDiv,
  hellinger,
  linf,
  wasserstein,
  wassersteinNorm,
];

/** Registry names, in the order `--help` lists them. */
export const DRIFT_TEST_NAMES: readonly string[] = DRIFT_TESTS.map((test) => test.name);

/** A test by name, or undefined. */
export function findDriftTest(name: string): DriftTest | undefined {
  return DRIFT_TESTS.find((test) => test.name === name);
}

/** "unknown drift test 'k-s'; did you mean "ks"? available: ks, chisquare, …" */
export function unknownTestMessage(name: string): { message: string; hint: string } {
  const suggestion = didYouMean(name, DRIFT_TEST_NAMES);
  const hint = suggestion.startsWith("did you mean") ? `${suggestion} ` : "";
  return {
    message: `unknown drift test "${name}"`,
    hint: `${hint}available: ${DRIFT_TEST_NAMES.join(", ")}`,
  };
}

/** Why a threshold is out of the test's range, or undefined when it is fine. */
export function thresholdProblem(test: DriftTest, threshold: number): string | undefined {
  const { min, max, maxInclusive } = test.thresholdRange;
  const ok = Number.isFinite(threshold) && threshold > min && (maxInclusive ? threshold <= max : threshold < max);
  if (ok) return undefined;
  const upper = max === Number.POSITIVE_INFINITY ? "∞)" : `${max}${maxInclusive ? "]" : ")"}`;
  const meaning =
    test.direction === "p_value" ? "a significance level (drift when p < threshold)" : "a distance (drift when ≥)";
  return `threshold ${threshold} for ${test.name} is out of range: expected ${meaning} in (${min}, ${upper}`;
}
