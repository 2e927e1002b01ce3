import { readdir } from "node:fs/promises";
import { type LoadedDatasetManifest, parseDatasetManifest, readDatasetManifest } from "./dataset-manifest.ts";
import { type LoadedModelCard, parseModelCard, readModelCard } from "./model-card.ts";
import { parseFilesInWorkers } from "./parse-pool.ts";

/** Everything Almanac reads from a repository checkout. */
export interface Repository {
  root: string;
  models: LoadedModelCard[];
  datasets: LoadedDatasetManifest[];
}

export const MODEL_CARD = "model.md";
export const DATASET_MANIFEST = "dataset.yaml";

/** Lists `<dir>/<folder>/<file>` paths that exist, sorted. */
async function listEntries(root: string, dir: string, file: string): Promise<string[]> {
  let folders: string[];
  try {
    const entries = await readdir(`${root}/${dir}`, { withFileTypes: true });
    folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
  const found: string[] = [];
  await Promise.all(
    folders.map(async (folder) => {
      const names = await readdir(`${root}/${dir}/${folder}`).catch(() => [] as string[]);
      if (names.includes(file)) found.push(`${dir}/${folder}/${file}`);
    }),
  );
  return found.sort();
}

/** Reads every dataset manifest under `root`. */
export async function loadDatasets(root: string): Promise<LoadedDatasetManifest[]> {
  const files = await listEntries(root, "datasets", DATASET_MANIFEST);
  const parsed = await parseFilesInWorkers(root, "dataset", files, parseDatasetManifest);
  if (parsed) return parsed.map((loaded) => ({ ...loaded, folder: folderOf(loaded.file) }));
  return Promise.all(files.map((file) => readDatasetManifest(root, file)));
}

/** Reads every model card under `root`. */
export async function loadModels(root: string): Promise<LoadedModelCard[]> {
  const files = await listEntries(root, "models", MODEL_CARD);
  const parsed = await parseFilesInWorkers(root, "model", files, parseModelCard);
  if (parsed) return parsed.map((loaded) => ({ ...loaded, folder: folderOf(loaded.file) }));
  return Promise.all(files.map((file) => readModelCard(root, file)));
}

/** The folder of `models/<folder>/model.md` or `datasets/<folder>/dataset.yaml`. */
function folderOf(file: string): string {
  return file.split("/").at(-2) ?? "";
}

/** Reads every model card and dataset manifest under `root`. */
export async function loadRepository(root: string): Promise<Repository> {
  const [models, datasets] = await Promise.all([loadModels(root), loadDatasets(root)]);
  return { root, models, datasets };
}

/** Finds a valid model card by id, or undefined. */
export function findModel(repository: Repository, id: string): LoadedModelCard | undefined {
  return repository.models.find((model) => model.card?.id === id || model.folder === id);
}

/** Finds a dataset manifest by id (and version when given). */
export function findDataset(repository: Repository, id: string, version?: string): LoadedDatasetManifest | undefined {
  return repository.datasets.find(
    (dataset) =>
      (dataset.manifest?.id === id || dataset.folder === id) &&
      (version === undefined || dataset.manifest?.version === version),
  );
}
