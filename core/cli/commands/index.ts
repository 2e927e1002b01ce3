import type { Command } from "commander";
import type { RegisterCommand, Runner } from "../main.ts";

/** A verb: its name, and how to load the module that registers it. */
export interface VerbModule {
  name: string;
  load: () => Promise<RegisterCommand>;
}

/**
 * Every verb, in the order `almanac --help` lists them. Each lives in its own file, loaded only
 * when needed: a command loads its own verb's modules, not all twenty verbs' (a fifth of a
 * second of start-up).
 */
export const COMMANDS: readonly VerbModule[] = [
  { name: "init", load: async () => (await import("./init.ts")).registerInit },
  { name: "new", load: async () => (await import("./new.ts")).registerNew },
  { name: "validate", load: async () => (await import("./validate.ts")).registerValidate },
  { name: "train", load: async () => (await import("./train.ts")).registerTrain },
  { name: "evaluate", load: async () => (await import("./evaluate.ts")).registerEvaluate },
  { name: "profile", load: async () => (await import("./profile.ts")).registerProfile },
  { name: "drift", load: async () => (await import("./drift.ts")).registerDrift },
  { name: "history", load: async () => (await import("./history.ts")).registerHistory },
  { name: "affected", load: async () => (await import("./affected.ts")).registerAffected },
  { name: "diff", load: async () => (await import("./diff.ts")).registerDiff },
  { name: "report", load: async () => (await import("./report.ts")).registerReport },
  { name: "promote", load: async () => (await import("./promote.ts")).registerPromote },
  { name: "retrain", load: async () => (await import("./retrain.ts")).registerRetrain },
  { name: "retraining-pr", load: async () => (await import("./retraining-pr.ts")).registerRetrainingPr },
  { name: "publish", load: async () => (await import("./publish.ts")).registerPublish },
  { name: "pull", load: async () => (await import("./pull.ts")).registerPull },
  { name: "predict", load: async () => (await import("./predict.ts")).registerPredict },
  { name: "models", load: async () => (await import("./models.ts")).registerModels },
  { name: "site", load: async () => (await import("./site.ts")).registerSite },
];

/**
 * The verb an argument list runs: its first word past the global options (`--root <dir>`,
 * `--debug`), when that word names a verb; undefined for `--help`, `--version`, `help` or a
 * word that is no verb (commander then lists them all or suggests the nearest).
 */
export function verbOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === "--root") i++;
    else if (word !== "--debug" && !word.startsWith("--root=")) {
      return COMMANDS.some((command) => command.name === word) ? word : undefined;
    }
  }
  return undefined;
}

/** Registers on `program` the verb `argv` runs, or every verb when it names none (help, a typo). */
export async function registerCommands(program: Command, run: Runner, argv: readonly string[] = []): Promise<void> {
  const verb = verbOf(argv);
  const chosen = COMMANDS.filter((command) => verb === undefined || command.name === verb);
  for (const register of await Promise.all(chosen.map((command) => command.load()))) register(program, run);
}
