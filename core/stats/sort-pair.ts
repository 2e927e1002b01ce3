import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { COMPILED, PACKAGE_ROOT } from "../util/package-root.ts";
import { sortFloat64 } from "./sort-float64.ts";
import type { SortJob } from "./sort-worker.ts";

/** Below this many values together, a worker thread's start costs more than it saves. */
export const PARALLEL_SORT_MIN_VALUES = 1_000_000;

/** The sort worker's script: the compiled copy in an installed package (Node strips types only outside node_modules). */
function sortWorkerScript(): string {
  const compiled = join(PACKAGE_ROOT, "dist", "cli", "sort-worker.js");
  return COMPILED && existsSync(compiled) ? compiled : join(PACKAGE_ROOT, "core", "stats", "sort-worker.ts");
}

/** An array of `n` doubles in memory a worker thread can share (no copy when it is sent). */
export function sharedFloat64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT));
}

/**
 * Sorts two arrays of doubles in place with {@link sortFloat64}: `second` on a worker thread
 * while this thread sorts `first`, when they are large ({@link PARALLEL_SORT_MIN_VALUES}) and
 * `second` lives in shared memory ({@link sharedFloat64}); one after the other otherwise.
 */
export async function sortFloat64Pair(first: Float64Array, second: Float64Array): Promise<void> {
  const shared = second.buffer instanceof SharedArrayBuffer;
  if (!shared || first.length + second.length < PARALLEL_SORT_MIN_VALUES) {
    const scratch = new Float64Array(Math.max(first.length, second.length));
    sortFloat64(first, scratch);
    sortFloat64(second, scratch);
    return;
  }
  const worker = new Worker(sortWorkerScript());
  try {
    const done = new Promise<void>((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`the sort worker stopped (exit code ${code})`)));
    });
    worker.postMessage({ values: second, scratch: sharedFloat64(second.length) } satisfies SortJob);
    sortFloat64(first);
    await done;
  } finally {
    await worker.terminate();
  }
}
