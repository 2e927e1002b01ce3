import { readFile } from "node:fs/promises";
import { parentPort, workerData } from "node:worker_threads";
import { parseDatasetManifest } from "./dataset-manifest.ts";
import { parseModelCard } from "./model-card.ts";

/** What {@link parseFilesInWorkers} asks one worker to read and parse. */
export interface ParseJob {
  root: string;
  kind: "model" | "dataset";
  files: string[];
}

/**
 * One parsed file as it crosses back to the main thread: the loaded card or manifest without
 * its YAML document (positions are functions, which do not cross threads), plus the text the
 * main thread parses again, only if a finding asks where a field is.
 */
export type ParsedFile = Record<string, unknown> & { file: string; text: string; hasDocument: boolean };

async function parseOne(root: string, kind: ParseJob["kind"], file: string): Promise<ParsedFile> {
  const text = await readFile(`${root}/${file}`, "utf8");
  const { document, ...loaded } = kind === "model" ? parseModelCard(text, file) : parseDatasetManifest(text, file);
  return { ...loaded, text, hasDocument: document !== undefined };
}

// A parsing thread: reads and parses its share of the files, answers once, and ends.
if (parentPort && workerData) {
  const job = workerData as ParseJob;
  const parsed = await Promise.all(job.files.map((file) => parseOne(job.root, job.kind, file)));
  parentPort.postMessage(parsed);
}
