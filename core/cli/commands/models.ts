import type { Command } from "commander";
import type { LoadedModelCard } from "../../load/model-card.ts";
import { loadRepository } from "../../load/repository.ts";
import { checkMatrixSize, type MatrixEntry } from "../../report/affected.ts";
import { durationToMs } from "../../schemas/common.ts";
import { type PythonSetup, STAGES, type Stage } from "../../schemas/model-card.ts";
import { pythonMatrixFields } from "../../train/python-setup.ts";
import { EXIT_OK, usageError } from "../../util/errors.ts";
import { didYouMean } from "../../util/suggest.ts";
import { publishToGitHub } from "../github-output.ts";
import type { Runner } from "../main.ts";

/** A model card that is valid, with its stage, for listing. */
interface ListedModel {
  id: string;
  name: string;
  version: string;
  stage: Stage;
  runner: string | string[];
  timeout_minutes: number;
  python: PythonSetup | null;
}

function listModels(models: readonly LoadedModelCard[], stage: Stage | undefined): ListedModel[] {
  return models.flatMap(({ card }) =>
    card && (stage === undefined || card.stage === stage)
      ? [
          {
            id: card.id,
            name: card.name,
            version: card.version,
            stage: card.stage,
            runner: card.training.runner,
            timeout_minutes: Math.ceil(durationToMs(card.training.timeout) / 60_000),
            python: card.training.python ?? null,
          },
        ]
      : [],
  );
}

/** The same matrix shape as `almanac affected --matrix`, so workflows treat both alike. */
function toMatrix(models: readonly ListedModel[]): { include: MatrixEntry[] } {
  return {
    include: models.map((m) => ({
      model: m.id,
      runner: m.runner,
      timeout_minutes: m.timeout_minutes,
      ...pythonMatrixFields(m.id, m.python ?? undefined),
    })),
  };
}

/** Keeps the named models, failing on an id that is not a valid model. */
function onlyIds(models: ListedModel[], ids: readonly string[]): ListedModel[] {
  if (ids.length === 0) return models;
  const known = models.map((model) => model.id);
  for (const id of ids) {
    if (!known.includes(id))
      throw usageError(`no valid model card with id ${JSON.stringify(id)}`, didYouMean(id, known));
  }
  return models.filter((model) => ids.includes(model.id));
}

function parseStage(value: string | undefined): Stage | undefined {
  if (value === undefined || (STAGES as readonly string[]).includes(value)) return value as Stage | undefined;
  throw usageError(
    `unknown stage ${JSON.stringify(value)}; available: ${STAGES.join(", ")}`,
    didYouMean(value, STAGES),
  );
}

/**
 * `almanac models [ids...] [--stage STAGE] [--json | --matrix]`: the valid model cards, e.g. every production
 * model as the matrix of the scheduled drift workflow. In GitHub Actions it also sets the outputs
 * `matrix` and `count`.
 */
export function registerModels(program: Command, run: Runner): void {
  program
    .command("models")
    .description("list the models (valid cards), optionally of one stage, as text, JSON or a CI matrix")
    .argument("[ids...]", "only these models (default: every valid card)")
    .option("--stage <stage>", `only models in this stage (${STAGES.join(", ")})`)
    .option("--json", "print [{ id, name, version, stage, runner, timeout_minutes, python }] as JSON")
    .option(
      "--matrix",
      'print the GitHub Actions matrix: {"include":[{"model","runner","timeout_minutes","python_version","python_requirements"}]}',
    )
    .action(
      run(async (context, ids: string[], options: { stage?: string; json?: boolean; matrix?: boolean }) => {
        if (options.json && options.matrix) throw usageError("--json and --matrix are exclusive", "pick one");
        const stage = parseStage(options.stage);
        const repository = await loadRepository(context.root);
        const models = onlyIds(listModels(repository.models, stage), ids);
        const matrix = toMatrix(models);
        if (options.matrix) checkMatrixSize(matrix, "almanac models --matrix");
        await publishToGitHub({
          root: context.root,
          outputs: { matrix: JSON.stringify(matrix), count: models.length },
        });
        if (options.matrix) context.stdout(JSON.stringify(matrix));
        else if (options.json) context.stdout(JSON.stringify(models, null, 2));
        else
          context.stdout(models.map((m) => `${m.id}\t${m.version}\t${m.stage}\t${m.name}`).join("\n") || "no models");
        return EXIT_OK;
      }),
    );
}
