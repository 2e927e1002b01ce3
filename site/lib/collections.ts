import { getCollection } from "astro:content";
import { repoLinksFromEnv } from "./repo-links.ts";
import { buildCatalogueRows, type CatalogueRow } from "./view/catalogue.ts";
import { buildSiteIndex, type SiteIndex, type SiteIndexInput } from "./view/site-index.ts";

/** The site index plus what every page shares: catalogue rows, card HTML and repository links. */
export interface Catalogue {
  index: SiteIndex;
  rows: CatalogueRow[];
  /** Sanitised card body HTML by model id, without the lead sections. */
  bodies: Map<string, string>;
  /** Sanitised HTML of each card's intended-use and limitation sections ("" when it has none). */
  leads: Map<string, string>;
  links: ReturnType<typeof repoLinksFromEnv>;
}

let pending: Promise<Catalogue> | undefined;

async function loadCatalogue(): Promise<Catalogue> {
  const [models, datasets, evaluations, drift, profiles, history] = await Promise.all([
    getCollection("models"),
    getCollection("datasets"),
    getCollection("evaluations"),
    getCollection("drift"),
    getCollection("profiles"),
    getCollection("history"),
  ]);
  // Typed here as well, so `tsc` checks this file without Astro's generated collection types.
  type Entries<K extends keyof SiteIndexInput> = { data: SiteIndexInput[K][number] }[];
  const index = buildSiteIndex({
    models: (models as Entries<"models">).map((entry) => entry.data),
    datasets: (datasets as Entries<"datasets">).map((entry) => entry.data),
    evaluations: (evaluations as Entries<"evaluations">).map((entry) => entry.data),
    driftReports: (drift as Entries<"driftReports">).map((entry) => entry.data),
    profiles: (profiles as Entries<"profiles">).map((entry) => entry.data),
    history: (history as Entries<"history">).map((entry) => entry.data),
  });
  const rendered = models as { id: string; rendered?: { html: string; metadata?: Record<string, unknown> } }[];
  return {
    index,
    rows: buildCatalogueRows(index),
    bodies: new Map(rendered.map((entry) => [entry.id, entry.rendered?.html ?? ""])),
    leads: new Map(rendered.map((entry) => [entry.id, String(entry.rendered?.metadata?.lead ?? "")])),
    links: repoLinksFromEnv(process.env),
  };
}

/** The catalogue, built once per build from the content collections and shared by every page. */
export function getCatalogue(): Promise<Catalogue> {
  pending ??= loadCatalogue();
  return pending;
}
