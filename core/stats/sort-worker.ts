import { parentPort } from "node:worker_threads";
import { sortFloat64 } from "./sort-float64.ts";

/** What the sort worker is sent: doubles to sort in place and a buffer to sort them with, both in shared memory. */
export interface SortJob {
  values: Float64Array;
  scratch: Float64Array;
}

// A worker thread that sorts one array of doubles (core/stats/sort-pair.ts starts it), so two
// samples sort side by side on two cores; it answers when done.
parentPort?.on("message", (job: SortJob) => {
  sortFloat64(job.values, job.scratch);
  parentPort?.postMessage("sorted");
});
