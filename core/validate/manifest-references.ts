import type { LoadedDatasetManifest } from "../load/dataset-manifest.ts";
import type { Diagnostic } from "../util/diagnostic.ts";
import { didYouMean } from "../util/suggest.ts";
import { pusher } from "./cross-references.ts";

/** Checks a manifest's internal references: unique column names, split columns, check columns. */
export function checkManifestReferences(loaded: LoadedDatasetManifest): Diagnostic[] {
  const manifest = loaded.manifest;
  if (!manifest) return [];
  const out: Diagnostic[] = [];
  const push = pusher(loaded, out);
  const names = manifest.columns.map((column) => column.name);
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index)
      push(
        ["columns", index, "name"],
        "ref.column-duplicate",
        `column "${name}" is declared twice`,
        "declare each column once",
      );
  });
  const split = manifest.split;
  if (split.method === "hash" && !names.includes(split.key))
    push(
      ["split", "key"],
      "ref.column-missing",
      `split key "${split.key}" is not a declared column`,
      didYouMean(split.key, names),
    );
  if (split.method === "column" && !names.includes(split.column))
    push(
      ["split", "column"],
      "ref.column-missing",
      `split column "${split.column}" is not a declared column`,
      didYouMean(split.column, names),
    );
  if (split.method === "files") {
    manifest.files.forEach((file, index) => {
      if (file.split !== "train" && file.split !== "test")
        push(
          ["files", index, "split"],
          "ref.split-file",
          "with split method files, each file needs split: train or split: test",
          "add `split: train` or `split: test` to the file",
        );
    });
  }
  for (const name of Object.keys(manifest.checks.null_fraction)) {
    if (!names.includes(name))
      push(
        ["checks", "null_fraction", name],
        "ref.column-missing",
        `check names column "${name}", which is not declared`,
        didYouMean(name, names),
        true,
      );
  }
  return out;
}
