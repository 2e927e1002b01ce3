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
/** The caller workflows `almanac init` copies into an adopting repository. */
export const TEMPLATE_DIR = join(ALMANAC_ROOT, "templates", "workflows");
/** What `almanac init` puts in for the placeholders, in the tests. */
export const TEMPLATE_VALUES = { __ALMANAC_REPO__: "octo-org/almanac", __ALMANAC_REF__: "v0.1.0" } as const;

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

/** Every caller template, with its placeholders substituted as `almanac init` does. */
export function readTemplates(): WorkflowFile[] {
  return readdirSync(TEMPLATE_DIR)
    .filter((name) => name.endsWith(".yml"))
    .sort()
    .map((name) => {
      let text = readFileSync(join(TEMPLATE_DIR, name), "utf8");
      for (const [placeholder, value] of Object.entries(TEMPLATE_VALUES)) text = text.replaceAll(placeholder, value);
      return { file: `templates/workflows/${name}`, text, workflow: parse(text) };
    });
}

/** The file name of the reusable workflow a job calls (`uses:` local or `owner/repo/...@ref`), or "". */
export function calledWorkflow(job: Yaml): string {
  const match = /(?:^\.\/|\/)\.github\/workflows\/([\w.-]+\.ya?ml)(?:@.*)?$/.exec(String(job?.uses ?? ""));
  return match?.[1] ?? "";
}

/**
 * The events that can start a workflow: its own triggers or, for a reusable one (`workflow_call`),
 * the triggers of every workflow in `all` that calls it.
 */
export function effectiveTriggers(w: WorkflowFile, all: readonly WorkflowFile[]): string[] {
  const own = triggers(w.workflow);
  if (!own.includes("workflow_call")) return own;
  const name = w.file.split("/").at(-1);
  const callers = all.filter((caller) =>
    Object.values<Yaml>(caller.workflow.jobs ?? {}).some((job) => calledWorkflow(job) === name),
  );
  return [...new Set(callers.flatMap((caller) => effectiveTriggers(caller, all)))].sort();
}

/** Event names that trigger a workflow (`on:` as a string, list or map). */
export function triggers(workflow: WorkflowFile["workflow"]): string[] {
  const on = workflow.on;
  if (typeof on === "string") return [on];
  if (Array.isArray(on)) return on.map(String);
  return Object.keys(on ?? {});
}
