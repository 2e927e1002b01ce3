import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Event payloads for GITHUB_EVENT_PATH, taken from GitHub's real webhook examples
 * (@octokit/webhooks-examples) and adjusted only where the examples lack a case: the examples'
 * pull requests are not from forks, and their workflow_run examples were triggered by other events.
 * `schedule` is not a webhook, so its payload (`{ schedule: <cron> }`, as GitHub documents it) is built.
 */
const require = createRequire(import.meta.url);

interface WebhookFamily {
  name: string;
  examples: Array<Record<string, unknown>>;
}

// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are deeply nested JSON, edited in place.
type Json = Record<string, any>;

let families: WebhookFamily[] | undefined;

/** The first real example of a webhook event with this `action` that `accept` takes. */
export function webhookExample(name: string, action?: string, accept: (example: Json) => boolean = () => true): Json {
  families ??= require("@octokit/webhooks-examples") as WebhookFamily[];
  const family = families.find((f) => f.name === name);
  const example = family?.examples.find((e) => (action === undefined || e.action === action) && accept(e));
  if (!example) throw new Error(`no matching ${name}.${action} example in @octokit/webhooks-examples`);
  return structuredClone(example) as Json;
}

export const BASE_REPOSITORY = "Codertocat/Hello-World";
export const FORK_REPOSITORY = "mallory/Hello-World";

/** A `pull_request` event (opened or synchronize) whose head lives in a fork. */
export function forkPullRequestEvent(action: "opened" | "synchronize"): Json {
  const event = webhookExample("pull_request", action);
  const head = event.pull_request.head;
  head.repo = { ...structuredClone(head.repo), full_name: FORK_REPOSITORY, name: "Hello-World", fork: true };
  head.repo.owner = { ...head.repo.owner, login: "mallory" };
  head.label = `mallory:${head.ref}`;
  head.user = { ...head.user, login: "mallory" };
  event.pull_request.user = { ...event.pull_request.user, login: "mallory" };
  return event;
}

/**
 * A `workflow_run` completed event for the pull request workflow. GitHub leaves `pull_requests`
 * empty when the head is in a fork; for a same-repository pull request it lists the pull request.
 */
export function workflowRunEvent(options: {
  repository: string;
  headSha: string;
  headBranch: string;
  headRepository: string;
  /** Listed pull requests; their base is this repository unless `baseRepositoryId` says otherwise. */
  pullRequests: Array<{ number: number; sha: string; baseRepositoryId?: number }>;
  event?: string;
  conclusion?: string;
}): Json {
  const event = webhookExample("workflow_run", "completed");
  const run = event.workflow_run;
  run.event = options.event ?? "pull_request";
  run.conclusion = options.conclusion ?? "success";
  run.head_sha = options.headSha;
  run.head_branch = options.headBranch;
  run.name = "Pull request";
  run.head_repository = { ...run.head_repository, full_name: options.headRepository };
  run.repository = { ...run.repository, full_name: options.repository };
  const listed = webhookExample("workflow_run", "completed", (e) => e.workflow_run.pull_requests.length > 0);
  const template = listed.workflow_run.pull_requests[0];
  run.pull_requests = options.pullRequests.map((pr) => ({
    ...template,
    number: pr.number,
    head: { ...template.head, ref: options.headBranch, sha: pr.sha },
    base: { ...template.base, repo: { ...template.base.repo, id: pr.baseRepositoryId ?? event.repository.id } },
  }));
  event.repository = { ...event.repository, full_name: options.repository };
  return event;
}

/** The `schedule` event payload GitHub gives a scheduled run. */
export function scheduleEvent(cron = "17 6 * * *"): Json {
  return { schedule: cron };
}

/** Writes a payload to a temporary file, for GITHUB_EVENT_PATH. */
export function writeEvent(payload: object): string {
  const dir = mkdtempSync(join(tmpdir(), "almanac-event-"));
  const path = join(dir, "event.json");
  writeFileSync(path, JSON.stringify(payload));
  return path;
}
