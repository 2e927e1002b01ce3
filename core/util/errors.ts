import type { Diagnostic } from "./diagnostic.ts";

/** Exit codes, one policy for the whole CLI: 0 ok, 1 findings, 2 usage or internal error. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/**
 * An expected failure with a message for people: what failed, where, and how to fix it.
 * Commands throw it; only the CLI's top level turns it into an exit code, never a stack trace.
 */
export class AlmanacError extends Error {
  readonly exitCode: number;
  readonly hint: string;
  readonly file: string | undefined;

  constructor(message: string, options: { hint?: string; exitCode?: number; file?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = "AlmanacError";
    this.exitCode = options.exitCode ?? EXIT_USAGE;
    this.hint = options.hint ?? "";
    this.file = options.file;
  }
}

/** A usage error (bad flag, unknown id): exit 2. */
export function usageError(message: string, hint = ""): AlmanacError {
  return new AlmanacError(message, { hint, exitCode: EXIT_USAGE });
}

/** A finding that fails the command (gate failed, invalid input data): exit 1. */
export function findingError(message: string, hint = "", file?: string): AlmanacError {
  return new AlmanacError(message, { hint, exitCode: EXIT_FINDINGS, file });
}

/**
 * Positioned findings in the user's files (a card, a manifest) that stop a command before it
 * starts: printed exactly as `almanac validate` prints them, exit 1.
 */
export class DiagnosticsError extends AlmanacError {
  readonly diagnostics: readonly Diagnostic[];

  constructor(message: string, diagnostics: readonly Diagnostic[], hint = "") {
    super(message, { hint, exitCode: EXIT_FINDINGS });
    this.name = "DiagnosticsError";
    this.diagnostics = diagnostics;
  }
}
