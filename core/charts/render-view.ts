import { Error as ERROR_LEVEL, logger, parse, View } from "vega";
import { compile } from "vega-lite";
import { type ChartDefinition, DATA_SOURCE } from "./chart.ts";
import { compactSvg, labelSvg } from "./svg.ts";

/** Compiled views kept for reuse; a catalogue has a few dozen chart shapes, so this bound is never hit in practice. */
const MAX_VIEWS = 256;

/** Vega-Lite's compile warnings (e.g. about faceted independent scales we set on purpose) stay out of build logs. */
const quietLogger = logger(ERROR_LEVEL);

interface CachedView {
  view: View;
  /** Renders on one view run one after another: swapping data mid-render would mix charts. */
  queue: Promise<unknown>;
}

const views = new Map<string, CachedView>();

/** How many views were compiled (once per chart shape). */
export const viewStats = { compiled: 0 };

function viewFor(specKey: string, spec: ChartDefinition["spec"]): CachedView {
  const cached = views.get(specKey);
  if (cached) return cached;
  if (views.size >= MAX_VIEWS) {
    const [oldestKey, oldest] = views.entries().next().value as [string, CachedView];
    views.delete(oldestKey);
    void oldest.queue.then(() => oldest.view.finalize());
  }
  const vegaSpec = compile(spec, { logger: quietLogger }).spec;
  const entry: CachedView = { view: new View(parse(vegaSpec), { renderer: "none" }), queue: Promise.resolve() };
  views.set(specKey, entry);
  viewStats.compiled += 1;
  return entry;
}

/** The parts of a chart the renderer needs (what crosses to a worker thread). */
export type RenderRequest = Pick<ChartDefinition, "spec" | "values" | "title" | "description">;

/**
 * Draws one chart with Vega's headless renderer (`renderer: "none"`, `toSVG`): charts of
 * the same shape share one compiled view and only swap their data (~1 ms instead of
 * ~10 ms). The result is compacted and labelled as one accessible image.
 */
export async function renderOnView(request: RenderRequest, specKey = JSON.stringify(request.spec)): Promise<string> {
  const entry = viewFor(specKey, request.spec);
  const rows = request.values.map((row) => ({ ...row }));
  // Swapping the data re-runs only the dataflow: the drawing is the one a new view would
  // make, though marks kept from the previous chart (e.g. an axis tick at the same value)
  // may come earlier in the SVG. Emptying the view first would fix the order but costs
  // twice the time.
  const render = entry.queue.then(async () => {
    await entry.view.data(DATA_SOURCE, rows).resize().runAsync();
    return entry.view.toSVG();
  });
  entry.queue = render.catch(() => undefined);
  return labelSvg(compactSvg(await render), request.title, request.description);
}

/** Finalizes every cached view (releases timers and listeners); later renders compile afresh. */
export async function finalizeViews(): Promise<void> {
  const entries = [...views.values()];
  views.clear();
  await Promise.all(entries.map((entry) => entry.queue.then(() => entry.view.finalize())));
}
