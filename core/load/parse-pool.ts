import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { COMPILED, PACKAGE_ROOT } from "../util/package-root.ts";
import type { LoadedDatasetManifest } from "./dataset-manifest.ts";
import type { LoadedModelCard } from "./model-card.ts";
import type { ParsedFile, ParseJob } from "./parse-worker.ts";
import type { YamlDocument } from "./yaml-document.ts";

/**
 * From this many files, cards and manifests are parsed on worker threads, one per core: YAML
 * with positions is most of `almanac validate`'s time on a large registry (10,000 cards), and
 * below this the threads' start-up (~0.1 s) costs more than it saves.
 */
export const MIN_FILES_FOR_WORKERS = 1000;

/** The parsing thread's script: the compiled copy in an installed package (`npm run build:cli`), else the source. */
export function parseWorkerScript(): string {
  const compiled = join(PACKAGE_ROOT, "dist", "cli", "parse-worker.js");
  return COMPILED && existsSync(compiled) ? compiled : join(PACKAGE_ROOT, "core", "load", "parse-worker.ts");
}

type Loaded<K extends ParseJob["kind"]> = K extends "model"
  ? Omit<LoadedModelCard, "folder">
  : Omit<LoadedDatasetManifest, "folder">;

/**
 * Reads and parses `files` (model cards or dataset manifests) on `threads` worker threads, in
 * the order given. Each result's YAML document is parsed again on this thread, from the text,
 * the first time a finding asks where a field is (most files never do). Returns undefined when
 * threads would not help (few files, one core) or could not start; the caller then parses here.
 */
export async function parseFilesInWorkers<K extends ParseJob["kind"]>(
  root: string,
  kind: K,
  files: readonly string[],
  parse: (text: string, file: string) => Loaded<K>,
  threads = availableParallelism(),
): Promise<Loaded<K>[] | undefined> {
  if (files.length < MIN_FILES_FOR_WORKERS || threads < 2) return undefined;
  const size = Math.ceil(files.length / threads);
  const shares = Array.from({ length: threads }, (_, index) => files.slice(index * size, (index + 1) * size));
  try {
    const parsed = await Promise.all(shares.map((share) => runWorker({ root, kind, files: share })));
    return parsed.flat().map(({ text, hasDocument, ...loaded }) => {
      const document = hasDocument ? lazyDocument(() => parse(text, loaded.file).document) : undefined;
      return { ...loaded, document } as unknown as Loaded<K>;
    });
  } catch {
    return undefined;
  }
}

function runWorker(job: ParseJob): Promise<ParsedFile[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(parseWorkerScript(), { workerData: job });
    worker.once("message", (parsed: ParsedFile[]) => resolve(parsed));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the parsing thread stopped (exit ${code})`)));
  });
}

/** A YAML document parsed on first use. */
function lazyDocument(parse: () => YamlDocument | undefined): YamlDocument {
  let parsed: YamlDocument | undefined;
  const document = () => {
    parsed ??= parse();
    if (!parsed) throw new Error("the file has no YAML document");
    return parsed;
  };
  return {
    get data() {
      return document().data;
    },
    get diagnostics() {
      return document().diagnostics;
    },
    locate: (path, options) => document().locate(path, options),
  };
}
