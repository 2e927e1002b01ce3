import { createSpinner } from "nanospinner";

/** Something to tell about long work; silent off a terminal, in CI, and with --json. */
export interface Progress {
  update(text: string): void;
  stop(): void;
}

/** A spinner on an interactive terminal; a no-op in CI, in pipes and for JSON output. */
export function startProgress(text: string, options: { json?: boolean } = {}): Progress {
  const interactive = process.stderr.isTTY === true && !process.env.CI && !options.json;
  if (!interactive) return { update() {}, stop() {} };
  const spinner = createSpinner(text, { stream: process.stderr }).start();
  return {
    update(next) {
      spinner.update({ text: next });
    },
    stop() {
      spinner.clear();
      spinner.stop();
    },
  };
}
