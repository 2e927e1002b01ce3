import { Worker } from "node:worker_threads";
import type { RenderRequest } from "./render-view.ts";
import type { WorkerAnswer, WorkerJob } from "./render-worker.ts";

interface PoolWorker {
  worker: Worker;
  pending: Map<number, { resolve: (svg: string) => void; reject: (error: Error) => void }>;
}

/**
 * Chart rendering on worker threads, so Vega uses the cores the page renderer leaves
 * idle. Jobs go to the worker with the fewest pending; a chart shape keeps to one worker
 * (its compiled view lives there). Workers hold the process open only while busy.
 */
export class ChartWorkerPool {
  readonly #workers: PoolWorker[];
  readonly #shapes = new Map<string, PoolWorker>();
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
    if (answer.svg !== undefined) job.resolve(answer.svg);
    else job.reject(new Error(`chart rendering failed: ${answer.error ?? "unknown error"}`));
  }

  #pick(specKey: string): PoolWorker {
    const known = this.#shapes.get(specKey);
    if (known) return known;
    const idlest = this.#workers.reduce((best, candidate) =>
      candidate.pending.size < best.pending.size ? candidate : best,
    );
    this.#shapes.set(specKey, idlest);
    return idlest;
  }

  /** Renders a chart on a worker. */
  render(request: RenderRequest, specKey: string): Promise<string> {
    const entry = this.#pick(specKey);
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
