import type { RegisterCommand } from "../main.ts";
import { registerAffected } from "./affected.ts";
import { registerDiff } from "./diff.ts";
import { registerHistory } from "./history.ts";
import { registerModels } from "./models.ts";
import { registerValidate } from "./validate.ts";

/** Every verb, in the order `almanac --help` lists them. Each lives in its own file. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerValidate,
  registerHistory,
  registerAffected,
  registerDiff,
  registerModels,
];
