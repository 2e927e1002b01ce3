/**
 * Builds a generated repository WITH git history, for the lifecycle benchmark: the files of
 * scripts/generate-repo.ts (N models, M datasets), then about `commits` commits per model
 * (created, evaluations that move, version bumps, stage changes, owner changes, card edits,
 * drift reports, a few renames and archived models; squash subjects "(#n)" and
 * "Merge pull request #n from …" merges), written with ONE `git fast-import` (not 20,000
 * `git commit`s). One binary model gets a 100,000-row predictions file, and a branch
 * `pr/retrain` retrains it (a pull request touching one model). Deterministic: the same
 * options give the same commits (same hashes) everywhere.
 *
 *   node scripts/generate-history.ts <dir> [--models 1000] [--commits 20] [--rows 100000] [--seed 1]
 */
import { spawnSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type GeneratedRepository, generateRepository } from "./generate-repo.ts";
import { type Change, createFastImport, type FastImport, type FileWrite } from "./generator/fast-import.ts";
import { binaryPredictionsFile, driftText, evaluationText } from "./generator/history-files.ts";
import { createRandom, deriveSeed, type Random } from "./generator/random.ts";

/** What to generate. */
export interface HistoryOptions {
  models?: number;
  datasets?: number;
  /** Commits per model (default 20). */
  commits?: number;
  /** Test rows of the large predictions file (default 100,000). */
  rows?: number;
  seed?: number;
}

/** What the benchmark needs to know about the generated repository. */
export interface GeneratedHistory {
  root: string;
  commits: number;
  /** The model with the large predictions file, retrained on branch `pr/retrain`. */
  reportModel: string;
  /** A model renamed during the history (its current id). */
  renamedModel: string | undefined;
  models: string[];
}

const START = Date.UTC(2023, 0, 1) / 1000;
const STEP_SECONDS = 3600;
const AUTHORS = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Katherine Johnson", "Edsger Dijkstra"];
const RENAME_EVERY = 100;
const ARCHIVE_EVERY = 50;
const MERGE_EVERY = 10;

interface ModelState {
  id: string;
  folder: string;
  task: GeneratedRepository["models"][number]["task"];
  datasetId: string;
  primary: string;
  card: string;
  major: number;
  minor: number;
  quality: number;
  files: Map<string, string>;
}

/** Generates the repository and its history under `dir` (an empty or missing folder). */
export async function generateHistory(dir: string, options: HistoryOptions = {}): Promise<GeneratedHistory> {
  const settings = { models: 1000, datasets: 100, commits: 20, rows: 100_000, seed: 1, ...definedOnly(options) };
  const root = resolve(dir);
  const generated = await generateRepository(root, {
    models: settings.models,
    datasets: settings.datasets,
    seed: settings.seed,
    trainScripts: false,
  });
  git(root, ["init", "-q", "-b", "main"]);
  const writer = createFastImport(root);
  const random = createRandom(deriveSeed(settings.seed, "history"));
  const clock = { now: START };
  const states = await Promise.all(generated.models.map((model) => initialState(root, generated, model.id)));
  const reportModel = states.find((state) => state.task === "binary-classification") ?? (states[0] as ModelState);
  let renamedFrom: string[];
  let total: number;
  try {
    const datasetFiles = generated.files.filter((path) => path.startsWith("datasets/"));
    await writer.commit("main", meta("Datasets (#1)", clock, random), await readAll(root, datasetFiles));
    const written = await writeRounds(writer, states, settings.commits, clock, random);
    renamedFrom = written.renamedFrom;
    await addLargePredictions(writer, reportModel, settings.rows, settings.seed, clock, random, written.pr);
    total = await writer.finish();
  } catch (error) {
    writer.abort();
    throw error;
  }
  git(root, ["checkout", "-q", "-f", "main"]);
  // fast-import writes a quick, loosely deltified pack; a clone gets an optimised one.
  git(root, ["repack", "-adq"]);
  for (const folder of renamedFrom) await rm(`${root}/models/${folder}`, { recursive: true, force: true });
  return {
    root,
    commits: total,
    reportModel: reportModel.id,
    renamedModel: states.find((state) => state.id !== state.folder || state.id.endsWith("-v2"))?.id,
    models: states.map((state) => state.id),
  };
}

/** Every model's commits, round by round (interleaved, as a busy monorepo's history is). */
async function writeRounds(
  writer: FastImport,
  states: ModelState[],
  rounds: number,
  clock: { now: number },
  random: Random,
) {
  const renamedFrom: string[] = [];
  let pr = 2;
  for (let round = 0; round < rounds; round++) {
    for (const [index, state] of states.entries()) {
      const folder = state.folder;
      const changes = changeFor(state, index, round, rounds, random);
      if (state.folder !== folder) renamedFrom.push(folder);
      if (changes.length === 0) continue;
      const subject = subjectFor(state, round);
      if ((index + round) % MERGE_EVERY === 0 && round > 0) {
        await writer.commit("side", { ...meta(subject, clock, random), from: "main" }, changes);
        const merge = meta(`Merge pull request #${pr++} from team/${state.id}-${round}`, clock, random);
        await writer.merge("main", merge, "side", changes);
      } else {
        await writer.commit("main", meta(`${subject} (#${pr++})`, clock, random), changes);
      }
    }
  }
  return { renamedFrom, pr };
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function git(root: string, args: string[]): string {
  const result = spawnSync("git", ["-C", root, ...args], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

async function readAll(root: string, paths: readonly string[]): Promise<Change[]> {
  return Promise.all(paths.map(async (path) => ({ path, content: await readFile(`${root}/${path}`) }) as FileWrite));
}

async function initialState(root: string, generated: GeneratedRepository, id: string): Promise<ModelState> {
  const model = generated.models.find((m) => m.id === id) as GeneratedRepository["models"][number];
  const card = await readFile(`${root}/models/${id}/model.md`, "utf8");
  const files = new Map<string, string>();
  for (const path of generated.files.filter((p) => p.startsWith(`models/${id}/`) && !p.endsWith("model.md"))) {
    files.set(path, await readFile(`${root}/${path}`, "utf8"));
  }
  const primary = /^\s+primary_metric: (\S+)/m.exec(card)?.[1] ?? "accuracy";
  return {
    id,
    folder: id,
    task: model.task,
    datasetId: model.datasetId,
    primary,
    card,
    major: 1,
    minor: 0,
    quality: 0.3,
    files,
  };
}

function meta(subject: string, clock: { now: number }, random: Random) {
  clock.now += STEP_SECONDS;
  return { subject, author: random.pick(AUTHORS), date: clock.now };
}

function subjectFor(state: ModelState, round: number): string {
  const verbs = ["Add", "Evaluate", "Hand over", "Retrain", "Stage", "Check drift of", "Document", "Re-evaluate"];
  return `${verbs[round % verbs.length]} ${state.id}`;
}

function setLine(card: string, key: string, value: string): string {
  return card.replace(new RegExp(`^${key}: .*$`, "m"), `${key}: ${value}`);
}

const version = (state: ModelState) => `${state.major}.${state.minor}.0`;

function evaluationChange(state: ModelState, random: Random): Change {
  state.quality = Math.min(1, Math.max(0, state.quality + (random.next() - 0.35) * 0.1));
  const text = evaluationText(
    {
      id: state.id,
      version: version(state),
      task: state.task,
      primary: state.primary,
      datasetId: state.datasetId,
      quality: state.quality,
      rows: 300,
    },
    random,
  );
  return { path: `reports/models/${state.folder}/evaluation.json`, content: text };
}

/** The files one model's commit in a round changes (a fixed plan by round). */
function changeFor(state: ModelState, index: number, round: number, rounds: number, random: Random): Change[] {
  const cardPath = () => `models/${state.folder}/model.md`;
  const card = (text: string): Change => {
    state.card = text;
    return { path: cardPath(), content: text };
  };
  if (round === 0) {
    return [
      card(setLine(state.card, "version", version(state))),
      ...[...state.files].map(([path, content]) => ({ path, content })),
    ];
  }
  if (round === rounds - 1 && index % ARCHIVE_EVERY === 1) return [card(setLine(state.card, "stage", "archived"))];
  if (round === Math.floor(rounds / 2) && index % RENAME_EVERY === 3) return renameChange(state);
  switch (round % 6) {
    case 1:
      return [evaluationChange(state, random)];
    case 2:
      state.minor++;
      return [card(setLine(state.card, "version", version(state))), evaluationChange(state, random)];
    case 3:
      return [card(setLine(state.card, "stage", round < rounds / 2 ? "staging" : "production"))];
    case 4: {
      const date = new Date((START + round * 86_400 * 7) * 1000).toISOString().slice(0, 10);
      return [{ path: `reports/drift/${state.folder}/${date}.json`, content: driftText(state.id, date, random) }];
    }
    case 5:
      return [card(setLine(state.card, "owners", `["@almanac/team-${round % 7}", "@user${index % 13}"]`))];
    default:
      return [
        card(`${state.card.trimEnd()}\n\nRevision note ${round}: retrained on refreshed data.\n`),
        evaluationChange(state, random),
      ];
  }
}

function renameChange(state: ModelState): Change[] {
  const from = state.folder;
  const to = `${state.id}-v2`;
  const moved: Change[] = [
    { path: `models/${from}/model.md`, delete: true },
    { path: `models/${to}/model.md`, content: setLine(state.card, "id", to) },
  ];
  for (const [path, content] of state.files) {
    moved.push({ path, delete: true }, { path: path.replace(`models/${from}/`, `models/${to}/`), content });
  }
  state.files = new Map(
    [...state.files].map(([path, content]) => [path.replace(`models/${from}/`, `models/${to}/`), content]),
  );
  state.card = setLine(state.card, "id", to);
  state.id = to;
  state.folder = to;
  return moved;
}

/** The 100,000-row predictions on main, and branch pr/retrain retraining that one model. */
async function addLargePredictions(
  writer: FastImport,
  state: ModelState,
  rows: number,
  seed: number,
  clock: { now: number },
  random: Random,
  pr: number,
) {
  const evaluation = (skill: number, stream: number) => {
    const file = binaryPredictionsFile(
      rows,
      skill,
      createRandom(deriveSeed(seed, "predictions", stream)),
      createRandom(deriveSeed(seed, "truth")),
    );
    const text = evaluationText(
      {
        id: state.id,
        version: version(state),
        task: state.task,
        primary: state.primary,
        datasetId: state.datasetId,
        quality: 0.5,
        rows,
        metrics: file.metrics,
      },
      random,
    );
    return [
      { path: `reports/models/${state.folder}/evaluation.json`, content: text },
      { path: `reports/models/${state.folder}/predictions.csv.gz`, content: file.bytes },
    ];
  };
  await writer.commit(
    "main",
    meta(`Evaluate ${state.id} on the full test set (#${pr})`, clock, random),
    evaluation(1.0, 1),
  );
  state.minor++;
  state.card = setLine(state.card, "version", version(state));
  await writer.commit("pr/retrain", { ...meta(`Retrain ${state.id} with more trees`, clock, random), from: "main" }, [
    { path: `models/${state.folder}/model.md`, content: state.card },
    ...evaluation(1.05, 2),
  ]);
}

async function cli(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      models: { type: "string" },
      datasets: { type: "string" },
      commits: { type: "string" },
      rows: { type: "string" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const dir = positionals[0];
  if (values.help || dir === undefined) {
    console.log(
      "usage: node scripts/generate-history.ts <dir> [--models 1000] [--commits 20] [--rows 100000] [--seed 1]",
    );
    if (dir === undefined && !values.help) process.exitCode = 2;
    return;
  }
  const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  const started = performance.now();
  const result = await generateHistory(dir, {
    models: number(values.models),
    datasets: number(values.datasets),
    commits: number(values.commits),
    rows: number(values.rows),
    seed: number(values.seed),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${result.root}: ${result.models.length} models, ${result.commits} commits in ${seconds} s`);
  console.log(`large predictions: ${result.reportModel} (branch pr/retrain retrains it)`);
}

if (import.meta.main) {
  await cli(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  });
}
