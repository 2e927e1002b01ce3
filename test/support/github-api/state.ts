import type { OpenApi } from "./openapi.ts";
import { FakeReleases } from "./releases.ts";

/** The identity GITHUB_TOKEN acts as in Actions. */
export const BOT_LOGIN = "github-actions[bot]";
const FIXED_TIME = "2026-01-15T09:00:00Z";

export interface FakeComment {
  id: number;
  issueNumber: number;
  body: string;
  login: string;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: string[];
  locked: boolean;
  /** Set for pull requests. */
  head?: { sha: string; ref: string; repoFullName: string; fork: boolean };
  /** The branch a pull request targets. */
  base?: string;
}

/** One repository's issues, pull requests, comments and labels, as the local API server holds them. */
export class FakeRepository {
  readonly owner: string;
  readonly repo: string;
  readonly comments: FakeComment[] = [];
  readonly issues: FakeIssue[] = [];
  readonly labels = new Set<string>();
  /** Workflow runs requested through workflow_dispatch: workflow file and ref. */
  readonly dispatches: { workflow: string; ref: string }[] = [];
  readonly releases = new FakeReleases();
  private nextCommentId = 1_000;
  private nextIssueNumber = 1;

  constructor(fullName: string) {
    const [owner, repo] = fullName.split("/") as [string, string];
    this.owner = owner;
    this.repo = repo;
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  addIssue(fields: Partial<FakeIssue> & { title?: string }): FakeIssue {
    const issue: FakeIssue = {
      number: fields.number ?? this.nextIssueNumber,
      title: fields.title ?? "An issue",
      body: fields.body ?? "",
      state: fields.state ?? "open",
      stateReason: fields.stateReason ?? null,
      labels: fields.labels ?? [],
      locked: fields.locked ?? false,
      head: fields.head,
      base: fields.base,
    };
    this.nextIssueNumber = Math.max(this.nextIssueNumber, issue.number) + 1;
    for (const label of issue.labels) this.labels.add(label);
    this.issues.push(issue);
    return issue;
  }

  addPullRequest(number: number, head: NonNullable<FakeIssue["head"]>, title = "Update a model"): FakeIssue {
    return this.addIssue({ number, title, head });
  }

  addComment(issueNumber: number, body: string, login = BOT_LOGIN): FakeComment {
    const comment = { id: this.nextCommentId++, issueNumber, body, login };
    this.comments.push(comment);
    return comment;
  }

  issue(number: number): FakeIssue | undefined {
    return this.issues.find((issue) => issue.number === number);
  }

  commentsOn(issueNumber: number): FakeComment[] {
    return this.comments.filter((comment) => comment.issueNumber === issueNumber);
  }

  removeComment(id: number): boolean {
    const index = this.comments.findIndex((comment) => comment.id === id);
    if (index >= 0) this.comments.splice(index, 1);
    return index >= 0;
  }
}

type Json = Record<string, unknown>;

/** Builds API resources of the documented shape: the spec's own example, with this state's values. */
export class Resources {
  readonly api: OpenApi;
  readonly baseUrl: string;

  constructor(api: OpenApi, baseUrl: string) {
    this.api = api;
    this.baseUrl = baseUrl;
  }

  user(login: string): Json {
    const user = this.api.example("issue-comment").user as Json;
    const bot = login.endsWith("[bot]");
    return { ...user, login, id: bot ? 41898282 : 583231, type: bot ? "Bot" : "User" };
  }

  comment(repository: FakeRepository, comment: FakeComment): Json {
    const base = `${this.baseUrl}/repos/${repository.fullName}`;
    return {
      ...this.api.example("issue-comment"),
      id: comment.id,
      node_id: `IC_${comment.id}`,
      url: `${base}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${repository.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
      issue_url: `${base}/issues/${comment.issueNumber}`,
      body: comment.body,
      user: this.user(comment.login),
      created_at: FIXED_TIME,
      updated_at: FIXED_TIME,
    };
  }

  label(repository: FakeRepository, name: string): Json {
    return {
      ...this.api.example("label"),
      name,
      url: `${this.baseUrl}/repos/${repository.fullName}/labels/${encodeURIComponent(name)}`,
    };
  }

  issue(repository: FakeRepository, issue: FakeIssue): Json {
    const example = this.api.example("issue");
    const base = `${this.baseUrl}/repos/${repository.fullName}`;
    const resource: Json = {
      ...example,
      number: issue.number,
      id: 100_000 + issue.number,
      url: `${base}/issues/${issue.number}`,
      html_url: `https://github.com/${repository.fullName}/issues/${issue.number}`,
      comments_url: `${base}/issues/${issue.number}/comments`,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.stateReason,
      locked: issue.locked,
      labels: issue.labels.map((name) => this.label(repository, name)),
      comments: repository.commentsOn(issue.number).length,
      closed_at: issue.state === "closed" ? FIXED_TIME : null,
    };
    if (!issue.head) delete resource.pull_request;
    return resource;
  }

  pullRequest(issue: FakeIssue): Json {
    const example = this.api.example("pull-request");
    const head = example.head as Json;
    const headRepo = head.repo as Json;
    return {
      ...example,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      html_url: `https://github.com/${issue.head?.repoFullName}/pull/${issue.number}`,
      requested_teams: [],
      base: { ...(example.base as Json), ref: issue.base ?? "main" },
      head: {
        ...head,
        sha: issue.head?.sha,
        ref: issue.head?.ref,
        label: `${issue.head?.repoFullName.split("/")[0]}:${issue.head?.ref}`,
        repo: { ...headRepo, full_name: issue.head?.repoFullName, fork: issue.head?.fork },
      },
    };
  }
}
