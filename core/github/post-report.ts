import { lstat, open } from "node:fs/promises";
import { AlmanacError } from "../util/errors.ts";
import type { GitHubClient, RepositoryRef } from "./client.ts";
import { parsePullRequestNumber, resolveReportTarget } from "./report-target.ts";
import { REPORT_MARKER, type StickyCommentResult, upsertStickyComment } from "./sticky-comment.ts";

/** Read at most this much of an artifact file: the comment is cut to 65,536 characters anyway. */
export const MAX_ARTIFACT_BYTES = 1024 * 1024;

/**
 * Reads a file from a downloaded artifact (attacker-controlled): a regular file only (no symlink
 * out of the artifact), at most `maxBytes`, decoded as UTF-8 with bad bytes replaced.
 */
export async function readArtifactFile(path: string, maxBytes = MAX_ARTIFACT_BYTES): Promise<string> {
  const info = await lstat(path).catch((error: unknown) => {
    throw new AlmanacError(`cannot read ${path}: ${(error as Error).message}`, {
      hint: "download the report artifact first (actions/download-artifact with run-id and github-token)",
    });
  });
  if (!info.isFile())
    throw new AlmanacError(`${path} is not a regular file (a symlink or folder); refusing to read it`);
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return new TextDecoder("utf-8", { fatal: false }).decode(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

export interface PostReportOptions {
  repository: RepositoryRef;
  /** GITHUB_EVENT_NAME. */
  eventName: string;
  /** The parsed GITHUB_EVENT_PATH payload. */
  payload: object;
  /** The report Markdown (from the artifact). */
  reportPath: string;
  /** The pull request number as the artifact states it. */
  pullRequestNumber: string;
  marker?: string;
  author?: string;
  maxLength?: number;
  fullReportHint?: string;
  log?: (line: string) => void;
}

export type PostReportResult =
  | ({ kind: "posted"; issueNumber: number } & StickyCommentResult)
  | { kind: "skipped"; reason: string };

/**
 * The comment poster: checks the artifact's pull request number against the event, reads the
 * report, and posts or updates the one sticky comment (sanitised and size-limited).
 */
export async function postReportComment(client: GitHubClient, options: PostReportOptions): Promise<PostReportResult> {
  const claimed = parsePullRequestNumber(options.pullRequestNumber);
  const target = await resolveReportTarget(client, options.repository, options.eventName, options.payload, claimed);
  if (target.kind === "skip") return { kind: "skipped", reason: target.reason };
  const body = await readArtifactFile(options.reportPath);
  const result = await upsertStickyComment(
    client,
    { ...options.repository, issueNumber: target.issueNumber },
    {
      marker: options.marker ?? REPORT_MARKER,
      body,
      author: options.author,
      maxLength: options.maxLength,
      fullReportHint: options.fullReportHint,
      log: options.log,
    },
  );
  return { kind: "posted", issueNumber: target.issueNumber, ...result };
}
