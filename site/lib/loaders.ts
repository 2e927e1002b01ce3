import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Loader, LoaderContext } from "astro/loaders";
import { splitCardSections } from "./card-sections.ts";
import { collectGarbage } from "./collect-garbage.ts";
import { formatDiagnosticLine } from "./data/format.ts";
import { type SiteCollection, type SiteData, siteData } from "./data/site-data.ts";
import { renderCardBody } from "./markdown.ts";
import { repoLinksFromEnv, sourceUrl } from "./repo-links.ts";

/** One collection entry before Astro validates it with the collection's schema. */
export interface LoaderEntry {
  id: string;
  data: Record<string, unknown>;
  /** Repository path of the file the entry comes from, for Astro's error messages. */
  file?: string;
  /** Markdown to render (sanitised) into the entry's `rendered` HTML. */
  markdown?: { body: string; sourceBase?: string };
}

/**
 * The repository the catalogue is built from: `ALMANAC_ROOT` (tests and benchmarks build
 * other repositories), else the Astro project root, which is the repository itself.
 */
export function repositoryRoot(config: LoaderContext["config"]): string {
  const fromEnv = process.env.ALMANAC_ROOT;
  const projectRoot = fileURLToPath(config.root);
  if (fromEnv) return isAbsolute(fromEnv) ? fromEnv : resolve(projectRoot, fromEnv);
  return projectRoot;
}

/** Warnings are logged once per build, by the models loader. */
function logWarnings(data: SiteData, context: LoaderContext): void {
  for (const warning of data.warnings) context.logger.warn(formatDiagnosticLine(warning));
}

/**
 * A content loader over the repository read once by `siteData` (validated through the
 * core library; a repository that does not validate fails here with every finding).
 * Entries whose digest is unchanged since the last build keep their stored (rendered)
 * value, so rebuilds skip Markdown rendering.
 */
export function almanacLoader(name: SiteCollection, entries: (data: SiteData) => LoaderEntry[]): Loader {
  return {
    name: `almanac-${name}`,
    load: async (context) => {
      await storeEntries(name, entries, context);
      // The store holds its parsed copies now: what the loader read is garbage, and once the last
      // loader is done so is the repository's read, collected before Astro serialises the store.
      collectGarbage();
    },
  };
}

async function storeEntries(
  name: SiteCollection,
  entries: (data: SiteData) => LoaderEntry[],
  context: LoaderContext,
): Promise<void> {
  const data = await siteData(repositoryRoot(context.config), name);
  if (name === "models") logWarnings(data, context);
  const list = entries(data);
  const ids = new Set(list.map((entry) => entry.id));
  for (const id of context.store.keys()) if (!ids.has(id)) context.store.delete(id);
  for (const entry of list) {
    const digest = context.generateDigest(JSON.stringify([entry.data, entry.markdown]));
    if (context.store.get(entry.id)?.digest === digest) continue;
    const parsed = await context.parseData({
      id: entry.id,
      data: entry.data,
      ...(entry.file ? { filePath: entry.file } : {}),
    });
    const rendered = entry.markdown ? await renderCard(entry.markdown) : undefined;
    context.store.set({ id: entry.id, data: parsed, digest, ...(rendered ? { rendered } : {}) });
  }
}

/**
 * A card body as the model page shows it: the intended-use and limitation sections first
 * (`metadata.lead`, headings from h3), the rest in the card section (`html`).
 */
async function renderCard(markdown: NonNullable<LoaderEntry["markdown"]>) {
  const { lead, rest } = splitCardSections(markdown.body);
  const options = { sourceBase: markdown.sourceBase };
  return {
    html: await renderCardBody(rest, options),
    metadata: { lead: lead === "" ? "" : await renderCardBody(lead, options) },
  };
}

/** The folder of a file on the code host, for a card's relative links. */
function folderUrl(file: string): string | undefined {
  const url = sourceUrl(repoLinksFromEnv(process.env), file);
  return url ? url.slice(0, url.lastIndexOf("/") + 1) : undefined;
}

/** Model cards: front matter as parsed by the core, the body rendered to sanitised HTML. */
export const modelsLoader = almanacLoader("models", (data) =>
  data.models.map((model) => ({
    id: model.card.id,
    file: model.file,
    data: { file: model.file, card: model.card, body: model.body },
    markdown: { body: model.body, sourceBase: folderUrl(model.file) },
  })),
);

/** Dataset manifests. */
export const datasetsLoader = almanacLoader("datasets", (data) =>
  data.datasets.map((dataset) => ({
    id: dataset.manifest.id,
    file: dataset.file,
    data: { file: dataset.file, manifest: dataset.manifest },
  })),
);

/** The latest evaluation of each model. */
export const evaluationsLoader = almanacLoader("evaluations", (data) =>
  data.evaluations.map((evaluation) => ({
    id: evaluation.model,
    file: evaluation.file,
    data: {
      file: evaluation.file,
      model: evaluation.model,
      evaluation: evaluation.evaluation,
      ...(evaluation.retraining ? { retraining: evaluation.retraining } : {}),
      ...(evaluation.curves ? { curves: evaluation.curves } : {}),
    },
  })),
);

/** Every drift report, id `<model>/<date>`. */
export const driftLoader = almanacLoader("drift", (data) =>
  data.driftReports.map((report) => ({
    id: `${report.model}/${report.date}`,
    file: report.file,
    data: { file: report.file, model: report.model, date: report.date, report: report.report },
  })),
);

/** Lifecycle events from git, id `<model>/<commit>/<type>[/n]`, newest first. */
export const historyLoader = almanacLoader("history", (data) => {
  const seen = new Map<string, number>();
  return data.history.map((event) => {
    const key = `${event.model}/${event.commit}/${event.type}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    return { id: count === 1 ? key : `${key}/${count}`, data: { ...event } };
  });
});

/** Dataset profiles, id `<dataset>/<version>`. */
export const profilesLoader = almanacLoader("profiles", (data) =>
  data.profiles.map((profile) => ({
    id: `${profile.dataset}/${profile.version}`,
    file: profile.file,
    data: { file: profile.file, dataset: profile.dataset, version: profile.version, profile: profile.profile },
  })),
);
