import { parentPort } from "node:worker_threads";
import { type EcdfPart, ecdfPartOfSorted } from "../drift/sorted-samples.ts";
import { sortFloat64 } from "./sort-float64.ts";

/** What the sort worker is sent, all arrays in shared memory. */
export type SortJob =
  /** Sort `values` in place with `scratch`. */
  | { kind: "sort"; values: Float64Array; scratch: Float64Array }
  /** One part of the joint scan of two sorted samples (core/drift/sorted-samples.ts). */
  | { kind: "ecdf"; reference: Float64Array; current: Float64Array; from: [number, number]; to: [number, number] };

/** What it answers, in the order of the jobs. */
export type SortAnswer = { kind: "sorted" } | EcdfPart;

// A worker thread for the numeric drift of a large column (core/stats/sort-pair.ts starts it):
// one sample sorts here while the other sorts on the main thread, then half of their merge runs
// here; it answers each job when done.
parentPort?.on("message", (job: SortJob) => {
  if (job.kind === "sort") {
    sortFloat64(job.values, job.scratch);
    parentPort?.postMessage({ kind: "sorted" } satisfies SortAnswer);
  } else parentPort?.postMessage(ecdfPartOfSorted(job.reference, job.current, job.from, job.to) satisfies SortAnswer);
});
