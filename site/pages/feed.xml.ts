import rss from "@astrojs/rss";
import type { APIContext } from "astro";
import { getCatalogue } from "../lib/collections.ts";
import { routes } from "../lib/urls.ts";
import { buildTimeline } from "../lib/view/timeline.ts";

/** Events in the feed: readers poll it, so the newest ones are enough. */
const FEED_SIZE = 200;

/** RSS of lifecycle events (promotions, new versions, evaluations, drift), newest first. */
export async function GET(context: APIContext): Promise<Response> {
  const base = import.meta.env.BASE_URL;
  const { index, links } = await getCatalogue();
  const entries = [...index.history.entries()].flatMap(([model, events]) => {
    const card = index.modelsById.get(model)?.card;
    const timeline = buildTimeline(base, events, links, {
      driftDates: new Set((index.drift.get(model) ?? []).map((report) => report.date)),
      datasets: new Set(index.datasets.keys()),
      primaryMetric: card?.evaluation.primary_metric,
    });
    return timeline.map((entry) => ({ entry, name: card?.name ?? model }));
  });
  entries.sort((a, b) => Date.parse(b.entry.event.date) - Date.parse(a.entry.event.date));
  return rss({
    title: "Almanac: lifecycle events",
    description: "New models, versions, stage changes, evaluations and drift reports of every model in the catalogue.",
    // The channel links to the catalogue itself, under the base path (a project site's /repo/).
    site: new URL(base, context.site ?? "https://example.github.io").href,
    trailingSlash: false,
    items: entries.slice(0, FEED_SIZE).map(({ entry, name }) => ({
      title: `${name}: ${entry.summary}`,
      link: new URL(
        `${routes.model(base, entry.event.model)}#${entry.anchor}`,
        context.site ?? "https://example.github.io",
      ).href,
      pubDate: new Date(entry.event.date),
      description: `${entry.label} by ${entry.event.author} in commit ${entry.event.commit.slice(0, 7)}${entry.event.pr === null ? "" : ` (pull request #${entry.event.pr})`}: ${entry.event.subject}`,
      categories: [entry.event.type],
    })),
    customData: "<language>en</language>",
  });
}
