import { readdir } from "node:fs/promises";
import type { Command } from "commander";
import { ensureCommitGraph } from "../../git/commit-graph.ts";
import { readHistory } from "../../git/history.ts";
import { renderHistoryText } from "../../report/history-text.ts";
import type { HistoryDocument } from "../../schemas/history.ts";
import { EXIT_OK, usageError } from "../../util/errors.ts";
import { didYouMean } from "../../util/suggest.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";
import { startProgress } from "../progress.ts";

/** `almanac history [model] [--json]`: the lifecycle timeline of every model (or one) from git. */
export function registerHistory(program: Command, run: Runner): void {
  program
    .command("history")
    .description("the lifecycle timeline from git: created, version and stage changes, evaluations, drift, archived")
    .argument("[model]", "only this model (its current id; a renamed folder's older history is included)")
    .option("--json", "print { model, events } as JSON (events newest first; schemas/history.schema.json)")
    .addHelpText(
      "after",
      "\nEvents are newest first. A shallow clone is refused: fetch the whole history (fetch-depth: 0).\n" +
        "For one model in a repository of 5,000+ commits without a commit graph, git's commit graph is written once\n" +
        "(git commit-graph write --reachable --changed-paths), as git maintenance would: later runs skip unrelated commits.",
    )
    .action(
      run(async (context, model: string | undefined, options: { json?: boolean }) => {
        // One model reads path-limited logs: git's changed-path filters make them fast on long histories.
        if (model !== undefined && (await ensureCommitGraph(context.root)))
          context.stderr(
            "note: wrote git's commit graph with changed-path filters once (.git/objects/info); later runs are faster",
          );
        const progress = startProgress("reading git history", { json: options.json });
        const events = await readHistory(context.root, model === undefined ? {} : { model }).finally(() =>
          progress.stop(),
        );
        if (model !== undefined && events.length === 0) await assertKnownModel(context.root, model);
        if (options.json) {
          const document: HistoryDocument = { model: model ?? null, events };
          context.stdout(JSON.stringify(document, null, 2));
        } else {
          context.stdout(renderHistoryText(events, palette()));
        }
        return EXIT_OK;
      }),
    );
}

/** A model with no history must at least exist in the checkout; otherwise say what does. */
async function assertKnownModel(root: string, model: string): Promise<void> {
  const folders = await readdir(`${root}/models`).catch(() => [] as string[]);
  if (folders.includes(model)) return;
  throw usageError(`no model '${model}' in models/ and no history for it in git`, didYouMean(model, folders));
}
