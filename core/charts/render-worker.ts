import { parentPort } from "node:worker_threads";
import { type RenderRequest, renderOnView } from "./render-view.ts";

/** A render job sent by {@link ChartWorkerPool}. */
export interface WorkerJob {
  id: number;
  request: RenderRequest;
}

/** The answer: the SVG, or the error message. */
export interface WorkerAnswer {
  id: number;
  svg?: string;
  error?: string;
}

// A chart-rendering thread: Vega runs here while the main thread renders pages.
parentPort?.on("message", (job: WorkerJob) => {
  renderOnView(job.request).then(
    (svg) => parentPort?.postMessage({ id: job.id, svg } satisfies WorkerAnswer),
    (error: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies WorkerAnswer),
  );
});
