import { isDeepStrictEqual } from "node:util";
import { INSTALLED_SCHEMAS } from "../new/schema-reference.ts";
import type { MergeOutcome } from "./plan.ts";

/** Lines every registry ignores: installs, the built catalogue, Almanac's staging folder. */
export const GITIGNORE_LINES = ["node_modules/", "dist-site/", ".almanac-tmp/"];

/** `/node_modules`, `node_modules` and `node_modules/` ignore the same folder at the root. */
function normalizeIgnore(line: string): string {
  return line.trim().replace(/^\//, "").replace(/\/$/, "");
}

/** Adds the registry's ignore lines that `existing` lacks; keeps every line it has. */
export function mergeGitignore(existing: string | undefined): MergeOutcome {
  const present = new Set((existing ?? "").split(/\r?\n/).map(normalizeIgnore));
  const missing = GITIGNORE_LINES.filter((line) => !present.has(normalizeIgnore(line)));
  if (missing.length === 0) return "unchanged";
  const base = existing === undefined || existing === "" ? "" : existing.endsWith("\n") ? existing : `${existing}\n`;
  const header = existing ? "\n# Almanac\n" : "";
  return { content: `${base}${header}${missing.join("\n")}\n`, detail: `added ${missing.join(", ")}` };
}

/**
 * Editor settings (VS Code and editors that read its settings) that point the YAML and JSON
 * language servers at Almanac's schemas in node_modules: completion and checks in manifests and
 * reports. Cards are Markdown, which YAML servers do not read; their front matter names its
 * schema in the `# yaml-language-server` line `almanac new model` writes.
 */
export const EDITOR_SETTINGS: Readonly<Record<string, unknown>> = {
  "yaml.schemas": {
    [`./${INSTALLED_SCHEMAS}/dataset-manifest.schema.json`]: "datasets/*/dataset.yaml",
  },
  "json.schemas": [
    { fileMatch: ["reports/models/*/evaluation.json"], url: `./${INSTALLED_SCHEMAS}/evaluation.schema.json` },
    { fileMatch: ["reports/profiles/*/*.json"], url: `./${INSTALLED_SCHEMAS}/profile.schema.json` },
    { fileMatch: ["reports/drift/*/*.json"], url: `./${INSTALLED_SCHEMAS}/drift-report.schema.json` },
  ],
};

/** The extension that reads `yaml.schemas` (Red Hat's YAML language server). */
export const EDITOR_EXTENSIONS = { recommendations: ["redhat.vscode-yaml"] };

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Adds `wanted`'s keys to a JSON settings file. A key present with another value is a conflict,
 * as is a file that is not plain JSON (VS Code allows comments; init does not rewrite those).
 */
export function mergeJsonSettings(
  existing: string | undefined,
  wanted: Readonly<Record<string, unknown>>,
): MergeOutcome {
  const current = existing === undefined ? {} : parseObject(existing);
  if (!current)
    return { conflict: `is not plain JSON (comments?): add ${Object.keys(wanted).join(" and ")} to it by hand` };
  const added: string[] = [];
  const merged = { ...current };
  for (const [key, value] of Object.entries(wanted)) {
    if (!(key in current)) {
      merged[key] = value;
      added.push(key);
    } else if (!isDeepStrictEqual(current[key], value)) {
      return { conflict: `already sets ${key} to something else: add Almanac's entries to it by hand` };
    }
  }
  if (added.length === 0) return "unchanged";
  return { content: `${JSON.stringify(merged, null, 2)}\n`, detail: `added ${added.join(", ")}` };
}

/** Adds the recommended extensions a VS Code extensions.json lacks. */
export function mergeExtensions(existing: string | undefined): MergeOutcome {
  const current = existing === undefined ? {} : parseObject(existing);
  if (!current) return { conflict: "is not plain JSON (comments?): recommend redhat.vscode-yaml in it by hand" };
  const listed = Array.isArray(current.recommendations) ? (current.recommendations as unknown[]) : [];
  const missing = EDITOR_EXTENSIONS.recommendations.filter((id) => !listed.includes(id));
  if (missing.length === 0) return "unchanged";
  const merged = { ...current, recommendations: [...listed, ...missing] };
  return { content: `${JSON.stringify(merged, null, 2)}\n`, detail: `recommends ${missing.join(", ")}` };
}

/** The short README of a new registry: what the folders hold and the next commands. */
export function registryReadme(name: string, almanacUrl: string): string {
  return `# ${name}

A model registry kept with [Almanac](${almanacUrl}): model cards, dataset manifests,
evaluations and drift reports are files in this repository, checked on every pull request
and published as a static catalogue.

| folder | holds |
|---|---|
| \`datasets/<id>/\` | \`dataset.yaml\` (the manifest) and \`data/\` |
| \`models/<id>/\` | \`model.md\` (the model card) and the model's training code |
| \`reports/\` | written by Almanac: evaluations, predictions, profiles, drift reports |

## Next steps

1. Add a dataset from a CSV, Parquet or JSON file:
   \`npx almanac new dataset <id> --from <file> --target <column>\`
2. Add a model trained on it (\`--language python\` writes \`train.py\` and \`requirements.txt\`;
   \`--language node\`, the default, writes \`train.mts\`):
   \`npx almanac new model <id> --dataset <dataset-id> --task binary-classification --target <column> --language python\`
3. Train and evaluate it: \`npx almanac train <id>\`
4. Check everything and build the catalogue: \`npm test\`, \`npm run build\` (into \`dist-site/\`);
   \`npx almanac site dev\` serves it while you edit.
5. Commit and push. The workflows in \`.github/workflows/\` check, train and report on every pull
   request, watch production models for drift, and publish the catalogue to GitHub Pages
   (Settings → Pages → Source: GitHub Actions).
`;
}
