import { readFileSync } from "node:fs";
import { AlmanacError, usageError } from "../util/errors.ts";

/** What the runner tells every step through the environment. */
export interface RunnerEnvironment {
  GITHUB_REPOSITORY?: string | undefined;
  GITHUB_EVENT_NAME?: string | undefined;
  GITHUB_EVENT_PATH?: string | undefined;
  GITHUB_API_URL?: string | undefined;
  GITHUB_SERVER_URL?: string | undefined;
  GITHUB_RUN_ID?: string | undefined;
  GITHUB_REF_NAME?: string | undefined;
}

/** The event payload the runner wrote to GITHUB_EVENT_PATH. */
export function readEventPayload(env: RunnerEnvironment): object {
  if (!env.GITHUB_EVENT_PATH) {
    throw usageError("GITHUB_EVENT_PATH is not set", "this action runs inside a GitHub Actions job");
  }
  try {
    const payload: unknown = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
    if (payload && typeof payload === "object") return payload;
  } catch (error) {
    throw usageError(`cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${(error as Error).message}`);
  }
  throw usageError(`the event payload ${env.GITHUB_EVENT_PATH} is not a JSON object`);
}

/** The message an action fails with: what went wrong, then how to fix it. */
export function failureMessage(error: unknown): string {
  if (error instanceof AlmanacError) return error.hint ? `${error.message}\nhint: ${error.hint}` : error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Link to this workflow run, e.g. for an issue comment. */
export function workflowRunUrl(env: RunnerEnvironment): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL || "https://github.com"}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}

/** Link to a file on the branch the workflow runs on. */
export function blobUrl(env: RunnerEnvironment, path: string): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_REF_NAME) return undefined;
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `${env.GITHUB_SERVER_URL || "https://github.com"}/${env.GITHUB_REPOSITORY}/blob/${encodeURIComponent(env.GITHUB_REF_NAME)}/${encoded}`;
}
