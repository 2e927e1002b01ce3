import type { RegisterCommand } from "../main.ts";
import { registerAffected } from "./affected.ts";
import { registerDiff } from "./diff.ts";
import { registerDrift } from "./drift.ts";
import { registerEvaluate } from "./evaluate.ts";
import { registerHistory } from "./history.ts";
import { registerInit } from "./init.ts";
import { registerModels } from "./models.ts";
import { registerNew } from "./new.ts";
import { registerPredict } from "./predict.ts";
import { registerProfile } from "./profile.ts";
import { registerPromote } from "./promote.ts";
import { registerPublish } from "./publish.ts";
import { registerPull } from "./pull.ts";
import { registerReport } from "./report.ts";
import { registerRetrain } from "./retrain.ts";
import { registerRetrainingPr } from "./retraining-pr.ts";
import { registerSite } from "./site.ts";
import { registerTrain } from "./train.ts";
import { registerValidate } from "./validate.ts";

/** Every verb, in the order `almanac --help` lists them. Each lives in its own file. */
export const COMMANDS: readonly RegisterCommand[] = [
  registerInit,
  registerNew,
  registerValidate,
  registerTrain,
  registerEvaluate,
  registerProfile,
  registerDrift,
  registerHistory,
  registerAffected,
  registerDiff,
  registerReport,
  registerPromote,
  registerRetrain,
  registerRetrainingPr,
  registerPublish,
  registerPull,
  registerPredict,
  registerModels,
  registerSite,
];
