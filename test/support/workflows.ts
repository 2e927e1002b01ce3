import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ALMANAC_ROOT } from "./workspace.ts";

/** Parsed workflow or action YAML, checked field by field in the tests. */
// biome-ignore lint/suspicious/noExplicitAny: YAML documents are dynamically shaped.
export type Yaml = any;

/** A workflow file, raw and parsed. */
export interface WorkflowFile {
  file: string;
  text: string;
  workflow: Record<string, Yaml>;
}

export const WORKFLOW_DIR = join(ALMANAC_ROOT, ".github", "workflows");

/** Every workflow under .github/workflows, parsed. */
export function readWorkflows(): WorkflowFile[] {
  return readdirSync(WORKFLOW_DIR)
    .filter((name) => name.endsWith(".yml") || name.endsWith(".yaml"))
    .sort()
    .map((name) => {
      const text = readFileSync(join(WORKFLOW_DIR, name), "utf8");
      return { file: `.github/workflows/${name}`, text, workflow: parse(text) };
    });
}

/** Event names that trigger a workflow (`on:` as a string, list or map). */
export function triggers(workflow: WorkflowFile["workflow"]): string[] {
  const on = workflow.on;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys(on ?? {});
}
