import { errorReply } from "./handlers.ts";
import type { Fault } from "./server.ts";
import { BOT_LOGIN } from "./state.ts";

/** The message GitHub sends with a secondary rate limit (octokit recognises it by "secondary rate"). */
export const SECONDARY_RATE_LIMIT_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID LOCAL.";

/** `times` answers of 500 before the real answer. */
export function serverError(operationId: string, times = 1): Fault {
  return { operationId, times, reply: () => errorReply(500, "Server Error") };
}

/** A 403 secondary rate limit with `retry-after` seconds. */
export function secondaryRateLimit(operationId: string, retryAfter: number, times = 1): Fault {
  return {
    operationId,
    times,
    reply: () => errorReply(403, SECONDARY_RATE_LIMIT_MESSAGE, { "retry-after": String(retryAfter) }),
  };
}

/** A 403 primary rate limit: no requests left until `x-ratelimit-reset` (seconds from now). */
export function primaryRateLimit(operationId: string, resetInSeconds: number): Fault {
  const reset = Math.floor(Date.now() / 1000) + resetInSeconds;
  return {
    operationId,
    reply: () =>
      errorReply(403, "API rate limit exceeded for installation ID 1.", {
        "x-ratelimit-limit": "1000",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(reset),
      }),
  };
}

/** A 403 that no retry fixes, e.g. a read-only token: "Resource not accessible by integration". */
export function forbidden(operationId: string, message = "Resource not accessible by integration", times = 100): Fault {
  return { operationId, times, reply: () => errorReply(403, message) };
}

/** Someone deletes the comment just before the update reaches it: the update answers 404. */
export function deletedBeforeUpdate(): Fault {
  return {
    operationId: "issues/update-comment",
    before: (repository, request) => {
      repository.removeComment(Number(request.params.comment_id));
    },
  };
}

/**
 * A concurrent run of the same workflow posts its own sticky comment with `body` at the same moment:
 * `first` lands it before ours (so it is older), otherwise right after ours.
 */
export function concurrentCreate(body: string, first: boolean): Fault {
  if (first) {
    return {
      operationId: "issues/create-comment",
      before: (repository, request) => {
        repository.addComment(Number(request.params.issue_number), body, BOT_LOGIN);
      },
    };
  }
  return {
    operationId: "issues/list-comments",
    when: (request) => request.url.searchParams.get("page") === null,
    times: 2,
    before: (repository, request) => {
      const number = Number(request.params.issue_number);
      const ours = repository.commentsOn(number).filter((comment) => comment.login === BOT_LOGIN);
      if (ours.length === 1) repository.addComment(number, body, BOT_LOGIN);
    },
  };
}
