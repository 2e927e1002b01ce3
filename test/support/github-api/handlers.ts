import { releaseHandlers } from "./releases.ts";
import type { FakeRepository, Resources } from "./state.ts";

/** What a handler answers. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A validated request, as handlers see it. */
export interface ApiRequest {
  method: string;
  operationId: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: Record<string, unknown> | undefined;
  url: URL;
  login: string;
  /** The raw body of an operation that takes bytes (a release asset upload). */
  raw?: Buffer;
  /** The Accept header. */
  accept?: string;
}

export interface HandlerContext {
  repository: FakeRepository;
  resources: Resources;
}

type Handler = (request: ApiRequest, context: HandlerContext) => Reply;

/** GitHub's error body shape (basic-error). */
export function errorReply(status: number, message: string, headers: Record<string, string> = {}): Reply {
  return {
    status,
    body: { message, documentation_url: "https://docs.github.com/rest", status: String(status) },
    headers,
  };
}

const notFound = () => errorReply(404, "Not Found");

/** Slices a list per `per_page`/`page` and adds GitHub's Link header with absolute next/last URLs. */
function paginate(request: ApiRequest, items: unknown[]): Reply {
  const perPage = Math.min(Number(request.query.get("per_page") ?? 30), 100);
  const page = Number(request.query.get("page") ?? 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (n: number) => {
    const url = new URL(request.url);
    url.searchParams.set("page", String(n));
    return url.toString();
  };
  const links = [];
  if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
  if (page > 1) links.push(`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`);
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(", ") } : {},
  };
}

function sameRepository(request: ApiRequest, repository: FakeRepository): boolean {
  return request.params.owner === repository.owner && request.params.repo === repository.repo;
}

const handlers: Record<string, Handler> = {
  "issues/list-comments": (request, { repository, resources }) => {
    const number = Number(request.params.issue_number);
    if (!repository.issue(number)) return notFound();
    const comments = repository.commentsOn(number).sort((a, b) => a.id - b.id);
    return paginate(
      request,
      comments.map((comment) => resources.comment(repository, comment)),
    );
  },
  "issues/create-comment": (request, { repository, resources }) => {
    const issue = repository.issue(Number(request.params.issue_number));
    if (!issue) return notFound();
    if (issue.locked) return errorReply(403, "Unable to create comment because issue is locked.");
    const comment = repository.addComment(issue.number, String(request.body?.body), request.login);
    return { status: 201, body: resources.comment(repository, comment) };
  },
  "issues/update-comment": (request, { repository, resources }) => {
    const comment = repository.comments.find((c) => c.id === Number(request.params.comment_id));
    if (!comment) return notFound();
    comment.body = String(request.body?.body);
    return { status: 200, body: resources.comment(repository, comment) };
  },
  "issues/delete-comment": (request, { repository }) =>
    repository.removeComment(Number(request.params.comment_id)) ? { status: 204 } : notFound(),
  "pulls/get": (request, { repository, resources }) => {
    const issue = repository.issue(Number(request.params.pull_number));
    return issue?.head ? { status: 200, body: resources.pullRequest(issue) } : notFound();
  },
  "pulls/list": (request, { repository, resources }) => {
    const state = request.query.get("state") ?? "open";
    const pulls = repository.issues
      .filter((issue) => issue.head && (state === "all" || issue.state === state))
      .sort((a, b) => b.number - a.number);
    return paginate(
      request,
      pulls.map((issue) => resources.pullRequest(issue)),
    );
  },
  "pulls/create": (request, { repository, resources }) => {
    const head = String(request.body?.head);
    const base = String(request.body?.base);
    if (repository.issues.some((issue) => issue.head?.ref === head && issue.base === base && issue.state === "open"))
      return errorReply(422, `A pull request already exists for ${repository.owner}:${head}.`);
    const issue = repository.addIssue({
      title: String(request.body?.title),
      body: String(request.body?.body ?? ""),
      head: { sha: "0".repeat(40), ref: head, repoFullName: repository.fullName, fork: false },
      base,
    });
    return { status: 201, body: resources.pullRequest(issue) };
  },
  "pulls/update": (request, { repository, resources }) => {
    const issue = repository.issue(Number(request.params.pull_number));
    if (!issue?.head) return notFound();
    const body = request.body ?? {};
    if (typeof body.state === "string") issue.state = body.state as "open" | "closed";
    if (typeof body.title === "string") issue.title = body.title;
    if (typeof body.body === "string") issue.body = body.body;
    return { status: 200, body: resources.pullRequest(issue) };
  },
  "actions/create-workflow-dispatch": (request, { repository }) => {
    repository.dispatches.push({ workflow: String(request.params.workflow_id), ref: String(request.body?.ref) });
    return { status: 204 };
  },
  "issues/list-for-repo": (request, { repository, resources }) => {
    const state = request.query.get("state") ?? "open";
    const labels = (request.query.get("labels") ?? "").split(",").filter(Boolean);
    const issues = repository.issues
      .filter((issue) => state === "all" || issue.state === state)
      .filter((issue) => labels.every((label) => issue.labels.includes(label)))
      .sort((a, b) => b.number - a.number);
    return paginate(
      request,
      issues.map((issue) => resources.issue(repository, issue)),
    );
  },
  "issues/create": (request, { repository, resources }) => {
    const labels = ((request.body?.labels as string[] | undefined) ?? []).map(String);
    const issue = repository.addIssue({
      title: String(request.body?.title),
      body: String(request.body?.body ?? ""),
      labels,
    });
    return { status: 201, body: resources.issue(repository, issue) };
  },
  "issues/update": (request, { repository, resources }) => {
    const issue = repository.issue(Number(request.params.issue_number));
    if (!issue) return notFound();
    const body = request.body ?? {};
    if (typeof body.state === "string") issue.state = body.state as "open" | "closed";
    if (body.state_reason !== undefined) issue.stateReason = body.state_reason as string | null;
    if (typeof body.title === "string") issue.title = body.title;
    if (typeof body.body === "string") issue.body = body.body;
    return { status: 200, body: resources.issue(repository, issue) };
  },
  "issues/get-label": (request, { repository, resources }) =>
    repository.labels.has(request.params.name!)
      ? { status: 200, body: resources.label(repository, request.params.name!) }
      : notFound(),
  "issues/create-label": (request, { repository, resources }) => {
    const name = String(request.body?.name);
    if (repository.labels.has(name)) return errorReply(422, "Validation Failed");
    repository.labels.add(name);
    return { status: 201, body: resources.label(repository, name) };
  },
};

/** Answers a validated request from the repository state; undefined when no handler exists. */
export function handle(request: ApiRequest, context: HandlerContext): Reply | undefined {
  const handler = handlers[request.operationId] ?? releaseHandlers[request.operationId];
  if (!handler) return undefined;
  if (!sameRepository(request, context.repository)) return notFound();
  return handler(request, context);
}
