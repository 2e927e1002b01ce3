import { usageError } from "../util/errors.ts";
import { type ChoiceInput, defaultTest } from "./default-test.ts";
import { findDriftTest, thresholdProblem, unknownTestMessage } from "./registry.ts";
import type { PlannedTest } from "./result.ts";
import type { BinnedCounts, ColumnKind, DriftTest } from "./types.ts";

/** A test asked for by name: on the command line (`--test`) or in the card (`monitoring.columns`). */
export interface TestRequest {
  name: string;
  /** The threshold to apply; the test's default when absent. */
  threshold?: number;
  /** Why it was chosen, e.g. "requested with --test". */
  reason: string;
  /**
   * Strict requests (a card naming a test for one column) fail when the test does not apply to
   * the column; loose ones (`--test` across all columns) skip such columns.
   */
  strict: boolean;
}

/** A column to compare: its name, how it is compared, its type for the report, and the tests asked for. */
export interface ColumnRequest {
  name: string;
  kind: ColumnKind;
  /** Type shown in the report: number, integer, category, boolean. */
  type: string;
  /** Both samples store the column as an integer type (read natively, without casts). */
  integerStorage?: boolean;
  /** Tests asked for; Evidently's default choice when absent. */
  tests?: TestRequest[];
  /** Threshold for the default test (`--threshold` without `--test`); the test's own default otherwise. */
  threshold?: number;
  /** Where that threshold comes from, appended to the reason. */
  thresholdReason?: string;
  /**
   * For an integer column: the tests and threshold to use if it turns out to hold few codes and is
   * compared as categories (see integer-codes.ts).
   */
  whenCategorical?: Pick<ColumnRequest, "tests" | "threshold" | "thresholdReason">;
  /** Why the column is compared as its kind, when that is not plain from its type; appended to each reason. */
  kindReason?: string;
  /** When the default is chosen and a test cannot run (e.g. from a profile), what to use instead and why. */
  fallback?: (
    choice: { test: string; reason: string },
    input: ChoiceInput & { bins: BinnedCounts },
  ) => { test: string; reason: string; pooled?: boolean };
}

/** Resolves a test name or throws a usage error listing the known tests. */
export function resolveTest(name: string): DriftTest {
  const test = findDriftTest(name);
  if (!test) {
    const { message, hint } = unknownTestMessage(name);
    throw usageError(message, hint);
  }
  return test;
}

/** Checks a threshold against the test's range; throws a usage error when out of range. */
export function checkThreshold(test: DriftTest, threshold: number): number {
  const problem = thresholdProblem(test, threshold);
  if (problem) throw usageError(problem, `e.g. ${test.defaultThreshold} (the default for ${test.name})`);
  return threshold;
}

/** Why a test cannot run on a column, or undefined. */
export function inapplicable(test: DriftTest, kind: ColumnKind, input: { bins: BinnedCounts }): string | undefined {
  if (!test.kinds.includes(kind)) return `${test.name} applies to ${test.kinds.join(" and ")} columns only`;
  return test.notApplicable?.(input as never);
}

function withKindReason(reason: string, request: ColumnRequest): string {
  return request.kindReason ? `${reason} (${request.kindReason})` : reason;
}

/** The tests to run on one column: those asked for (that apply), or Evidently's default. */
export function planTests(request: ColumnRequest, input: ChoiceInput & { bins: BinnedCounts }): PlannedTest[] {
  if (!request.tests) {
    const evidently = defaultTest(input);
    const choice = request.fallback ? request.fallback(evidently, input) : evidently;
    const test = resolveTest(choice.test);
    const threshold = request.threshold === undefined ? test.defaultThreshold : checkThreshold(test, request.threshold);
    const reason =
      request.threshold === undefined
        ? choice.reason
        : `${choice.reason}; ${request.thresholdReason ?? "threshold given"}`;
    const pooled = "pooled" in choice && choice.pooled === true;
    return [{ test, threshold, reason: withKindReason(reason, request), ...(pooled ? { pooled } : {}) }];
  }
  const plans: PlannedTest[] = [];
  for (const asked of request.tests) {
    const test = resolveTest(asked.name);
    const problem = inapplicable(test, request.kind, input);
    if (problem) {
      if (asked.strict)
        throw usageError(`column "${request.name}": ${problem}`, `${asked.reason}; choose another test`);
      continue;
    }
    const threshold = checkThreshold(test, asked.threshold ?? test.defaultThreshold);
    plans.push({ test, threshold, reason: withKindReason(asked.reason, request) });
  }
  return plans;
}

/** Tests named on the command line: all columns (`--test`), or per kind (`--num-test`, `--cat-test`, as Evidently's num_method / cat_method). */
export interface FlagTests {
  tests?: string[];
  numericTests?: string[];
  categoricalTests?: string[];
  threshold?: number;
}

/** Checks every test named in flags exists (a usage error listing the known ones otherwise). */
export function checkFlagTests(flags: FlagTests): void {
  for (const name of [...(flags.tests ?? []), ...(flags.numericTests ?? []), ...(flags.categoricalTests ?? [])])
    resolveTest(name);
}

/** The tests flags ask for on a column of this kind, or undefined (then the card's or the default). */
export function flagTestsFor(kind: ColumnKind, flags: FlagTests): TestRequest[] | undefined {
  const [names, flag] =
    kind === "numeric" && flags.numericTests
      ? [flags.numericTests, "--num-test"]
      : kind === "categorical" && flags.categoricalTests
        ? [flags.categoricalTests, "--cat-test"]
        : [flags.tests, "--test"];
  if (!names) return undefined;
  return names.map((name) => ({
    name,
    threshold: flags.threshold,
    reason: `requested with ${flag} ${names.join(",")}`,
    strict: false,
  }));
}
