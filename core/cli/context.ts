import { resolve } from "node:path";

/** What every command receives: where the repository is and how to print. */
export interface CliContext {
  /** Repository root (the working directory unless --root is given). */
  root: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  debug: boolean;
}

/** The context for a real process. */
export function processContext(options: { root?: string; debug?: boolean } = {}): CliContext {
  return {
    root: resolve(options.root ?? process.env.ALMANAC_ROOT ?? process.cwd()),
    stdout: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    debug: options.debug ?? false,
  };
}
