import { Worker } from "node:worker_threads";
import type { RenderRequest } from "./render-view.ts";
import type { WorkerAnswer, WorkerJob } from "./render-worker.ts";

const decoder = new TextDecoder();

interface PoolWorker {
  worker: Worker;
  pending: Map<number, { resolve: (svg: string) => void; reject: (error: Error) => void }>;
}

/**
 * Chart rendering on worker threads, so Vega uses the cores the page renderer leaves
 * idle. Jobs go to the worker with the fewest pending (each worker compiles its own view
 * of a chart shape once: ~10 ms, against ~1 ms per chart after). Workers hold the process
 * open only while busy.
 */
export class ChartWorkerPool {
  readonly #workers: PoolWorker[];
  #nextId = 1;

  constructor(script: string, size: number) {
    this.#workers = Array.from({ length: size }, () => {
      const entry: PoolWorker = { worker: new Worker(script), pending: new Map() };
      entry.worker.unref();
      entry.worker.on("message", (answer: WorkerAnswer) => this.#settle(entry, answer));
      entry.worker.on("error", (error) => {
        for (const job of entry.pending.values()) job.reject(error);
        entry.pending.clear();
      });
      return entry;
    });
  }

  #settle(entry: PoolWorker, answer: WorkerAnswer): void {
    const job = entry.pending.get(answer.id);
    if (!job) return;
    entry.pending.delete(answer.id);
    if (entry.pending.size === 0) entry.worker.unref();
    if (answer.svg !== undefined) job.resolve(decoder.decode(answer.svg));
    else job.reject(new Error(`chart rendering failed: ${answer.error ?? "unknown error"}`));
  }

  #pick(): PoolWorker {
    return this.#workers.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
  }

  /** Renders a chart on a worker. */
  render(request: RenderRequest): Promise<string> {
    const entry = this.#pick();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (entry.pending.size === 0) entry.worker.ref();
      entry.pending.set(id, { resolve, reject });
      entry.worker.postMessage({ id, request } satisfies WorkerJob);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.#workers.map((entry) => entry.worker.terminate()));
  }
}
