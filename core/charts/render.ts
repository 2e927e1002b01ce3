import { availableParallelism } from "node:os";
import type { ChartDefinition } from "./chart.ts";
import { finalizeViews, renderOnView, viewStats } from "./render-view.ts";
import { ChartWorkerPool } from "./worker-pool.ts";

/** Rendered SVGs kept, so a chart drawn on two pages (or twice) is drawn once. */
const MAX_SVGS = 4096;

const svgs = new Map<string, string>();
let pool: ChartWorkerPool | undefined;

/** Statistics of the render cache, for the site benchmark. */
export const renderStats = {
  rendered: 0,
  reused: 0,
  get compiled(): number {
    return viewStats.compiled;
  },
};

/**
 * One worker per core: the page-rendering thread waits on charts about half the time,
 * so the workers and it share the cores without oversubscribing them much.
 */
function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Renders charts on `count` worker threads from now on (0: on the calling thread).
 * `script` is the path of core/charts/render-worker.ts; the catalogue build passes it
 * because its own modules are bundled and cannot locate the file themselves.
 */
export async function useChartWorkers(script: string, count = defaultWorkers()): Promise<void> {
  await pool?.close();
  pool = count > 0 ? new ChartWorkerPool(script, count) : undefined;
}

/** The worker script the environment names (`ALMANAC_CHART_WORKER`), used on first render. */
function poolFromEnvironment(): void {
  const script = process.env.ALMANAC_CHART_WORKER;
  if (pool || !script) return;
  const count = process.env.ALMANAC_CHART_WORKERS === undefined ? undefined : Number(process.env.ALMANAC_CHART_WORKERS);
  pool = count === 0 ? undefined : new ChartWorkerPool(script, count ?? defaultWorkers());
  if (!pool) delete process.env.ALMANAC_CHART_WORKER;
}

function remember(key: string, svg: string): void {
  if (svgs.size >= MAX_SVGS) svgs.delete(svgs.keys().next().value as string);
  svgs.set(key, svg);
}

/**
 * Renders a chart to an accessible, compact SVG string at build time (Vega's headless
 * renderer: no canvas, no browser, no JavaScript on the page). Identical charts are drawn
 * once; charts of one shape reuse one compiled view; with workers configured, Vega runs
 * off the thread that renders pages.
 */
export async function renderChartSvg(chart: ChartDefinition): Promise<string> {
  const specKey = JSON.stringify(chart.spec);
  const key = `${specKey}\u0000${JSON.stringify(chart.values)}\u0000${chart.title}\u0000${chart.description}`;
  const known = svgs.get(key);
  if (known !== undefined) {
    renderStats.reused += 1;
    return known;
  }
  poolFromEnvironment();
  const request = { spec: chart.spec, values: chart.values, title: chart.title, description: chart.description };
  const svg = pool ? await pool.render(request) : await renderOnView(request, specKey);
  renderStats.rendered += 1;
  remember(key, svg);
  return svg;
}

/** Finalizes cached views and stops workers; later renders start afresh. */
export async function disposeChartViews(): Promise<void> {
  svgs.clear();
  await pool?.close();
  pool = undefined;
  await finalizeViews();
}
