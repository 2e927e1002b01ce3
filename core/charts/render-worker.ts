import { parentPort } from "node:worker_threads";
import { type RenderRequest, renderOnView } from "./render-view.ts";

/** A render job sent by {@link ChartWorkerPool}. */
export interface WorkerJob {
  id: number;
  request: RenderRequest;
}

/** The answer: the SVG as UTF-8 bytes (transferred, not copied), or the error message. */
export interface WorkerAnswer {
  id: number;
  svg?: Uint8Array;
  error?: string;
}

const encoder = new TextEncoder();

// A chart-rendering thread: Vega runs here while the main thread renders pages.
parentPort?.on("message", (job: WorkerJob) => {
  renderOnView(job.request).then(
    (svg) => {
      const bytes = encoder.encode(svg);
      parentPort?.postMessage({ id: job.id, svg: bytes } satisfies WorkerAnswer, [bytes.buffer]);
    },
    (error: unknown) =>
      parentPort?.postMessage({
        id: job.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies WorkerAnswer),
  );
});
