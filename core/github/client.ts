import { Octokit } from "octokit";
import { AlmanacError, usageError } from "../util/errors.ts";

/** The octokit client Almanac uses: REST methods, pagination, retry of 5xx answers, rate-limit waits. */
export type GitHubClient = InstanceType<typeof Octokit>;

/** `owner/repo`, split. */
export interface RepositoryRef {
  owner: string;
  repo: string;
}

/** Longest rate-limit wait worth sitting out in CI; a longer one fails clearly instead of hanging the job. */
export const MAX_RATE_LIMIT_WAIT_SECONDS = 600;
/** Retries of one request after 5xx answers or rate limits (so at most 4 attempts). */
export const DEFAULT_RETRIES = 3;
export const DEFAULT_API_URL = "https://api.github.com";

export interface GitHubClientOptions {
  /** A token (in Actions: `github.token`). Required: Almanac never calls the API anonymously. */
  token: string | undefined;
  /** REST API root; in Actions `GITHUB_API_URL` (differs on GitHub Enterprise Server). */
  baseUrl?: string | undefined;
  /** Where retry and rate-limit notices go (the action log). */
  log?: (line: string) => void;
  retries?: number;
  /**
   * Milliseconds per second of waiting (`retry-after`, backoff). 1000 in real use; tests pass a
   * small value so a `retry-after: 7` is honoured as 7 units without sleeping 7 s.
   */
  timeScale?: number;
  /**
   * Space out writes as GitHub asks (one mutation at a time, ≥1 s apart; ≥3 s for requests that notify).
   * On by default; a local test server turns it off.
   */
  paceWrites?: boolean;
}

type RateLimitHandler = (
  retryAfter: number,
  options: { method: string; url: string },
  octokit: unknown,
  retryCount: number,
) => boolean;

/** A limiter group that runs jobs at once: used instead of octokit's write pacing when pacing is off. */
const immediateGroup = {
  key: () => ({
    schedule: (...args: unknown[]) => {
      const job = args.find((arg) => typeof arg === "function") as (...rest: unknown[]) => unknown;
      const rest = args.slice(args.indexOf(job) + 1);
      return Promise.resolve().then(() => job(...rest));
    },
  }),
};

/** Waits out a rate limit (primary or secondary, honouring `retry-after`) up to `retries` times. */
function rateLimitHandler(kind: string, retries: number, log: (line: string) => void): RateLimitHandler {
  return (retryAfter, options, _octokit, retryCount) => {
    const what = `${options.method} ${options.url.replace(/^https?:\/\/[^/]+/, "")}`;
    if (retryCount >= retries) {
      log(`GitHub ${kind} still in effect for ${what} after ${retries} retries; giving up`);
      return false;
    }
    if (retryAfter > MAX_RATE_LIMIT_WAIT_SECONDS) {
      log(`GitHub ${kind} for ${what} asks to wait ${retryAfter} s (> ${MAX_RATE_LIMIT_WAIT_SECONDS} s); giving up`);
      return false;
    }
    log(`GitHub ${kind} for ${what}: waiting ${retryAfter} s (retry ${retryCount + 1} of ${retries})`);
    return true;
  };
}

/**
 * Creates the GitHub client: octokit's `Octokit` (retry and throttling plugins bundled) with
 * 5xx answers retried with backoff and rate limits waited out. Throws a clear error without a token.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  if (!options.token) {
    throw usageError(
      "no GitHub token: the GitHub API needs one to read and write comments and issues",
      "give the action its `token` input (the default is the workflow's github.token), or set GITHUB_TOKEN when running locally",
    );
  }
  const log = options.log ?? (() => {});
  const retries = options.retries ?? DEFAULT_RETRIES;
  const timeScale = options.timeScale ?? 1000;
  const pacing = options.paceWrites === false ? { write: immediateGroup, notifications: immediateGroup } : {};
  return new Octokit({
    auth: options.token,
    baseUrl: (options.baseUrl || DEFAULT_API_URL).replace(/\/+$/, ""),
    userAgent: "almanac-github",
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
    retry: { retries, retryAfterBaseValue: timeScale },
    throttle: {
      retryAfterBaseValue: timeScale,
      onRateLimit: rateLimitHandler("rate limit", retries, log),
      onSecondaryRateLimit: rateLimitHandler("secondary rate limit", retries, log),
      ...pacing,
    },
  });
}

/** Splits `owner/repo` (GITHUB_REPOSITORY), failing clearly on anything else. */
export function parseRepository(value: string | undefined): RepositoryRef {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value ?? "");
  if (!match) {
    throw usageError(
      `expected a repository as owner/repo, received ${JSON.stringify(value ?? "")}`,
      "GitHub Actions sets GITHUB_REPOSITORY; locally, export GITHUB_REPOSITORY=owner/repo",
    );
  }
  return { owner: match[1]!, repo: match[2]! };
}

/** HTTP status of an octokit RequestError, or undefined for other errors. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" ? status : undefined;
}

/** Turns an API failure into an error naming the call, the status, GitHub's message and a fix. */
export function apiError(what: string, error: unknown, hint = ""): AlmanacError {
  const status = statusOf(error);
  const message = error instanceof Error ? error.message : String(error);
  return new AlmanacError(`${what} failed${status ? ` (HTTP ${status})` : ""}: ${message}`, { hint, cause: error });
}
