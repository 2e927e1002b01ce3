import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { EcdfPart } from "../drift/sorted-samples.ts";
import { COMPILED, PACKAGE_ROOT } from "../util/package-root.ts";
import type { SortAnswer, SortJob } from "./sort-worker.ts";

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
 * A worker thread for large numeric columns, its arrays in shared memory ({@link sharedFloat64}):
 * it sorts one sample (core/stats/sort-float64.ts), or scans part of two sorted ones, while this
 * thread goes on. Started before the values are read, so its start-up overlaps the read. Jobs
 * run in the order sent. Close it.
 */
export class SortWorker {
  readonly #worker = new Worker(sortWorkerScript());
  #failure: Error | undefined;
  #pending: Array<{ resolve: (answer: SortAnswer) => void; reject: (error: Error) => void }> = [];

  constructor() {
    this.#worker.on("message", (answer: SortAnswer) => this.#pending.shift()?.resolve(answer));
    const fail = (error: Error) => {
      this.#failure = error;
      for (const job of this.#pending.splice(0)) job.reject(error);
    };
    this.#worker.on("error", fail);
    this.#worker.on("exit", (code) => fail(new Error(`the sort worker stopped (exit code ${code})`)));
  }

  #send(job: SortJob, arrays: readonly Float64Array[]): Promise<SortAnswer> {
    if (arrays.some((values) => !(values.buffer instanceof SharedArrayBuffer)))
      return Promise.reject(new TypeError("the sort worker reads values in shared memory only (sharedFloat64)"));
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise<SortAnswer>((resolve, reject) => {
      this.#pending.push({ resolve, reject });
      this.#worker.postMessage(job);
    });
  }

  /** Sorts `values` in place on the worker; resolves when they are sorted. */
  async sort(values: Float64Array): Promise<void> {
    await this.#send({ kind: "sort", values, scratch: sharedFloat64(values.length) }, [values]);
  }

  /** One part of the joint scan of two sorted samples (core/drift/sorted-samples.ts `ecdfPartOfSorted`), on the worker. */
  async ecdfPart(
    reference: Float64Array,
    current: Float64Array,
    from: [number, number],
    to: [number, number],
  ): Promise<EcdfPart> {
    return (await this.#send({ kind: "ecdf", reference, current, from, to }, [reference, current])) as EcdfPart;
  }

  async close(): Promise<void> {
    this.#worker.removeAllListeners("exit");
    await this.#worker.terminate();
  }
}
