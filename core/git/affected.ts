import { type AffectedModel, type CardTargets, computeAffected } from "../lifecycle/affected.ts";
import { readFastCardFields } from "../lifecycle/fast-front-matter.ts";
import { isRecord } from "../lifecycle/snapshots.ts";
import { splitFrontMatter } from "../load/front-matter.ts";
import { parseModelCard } from "../load/model-card.ts";
import { durationToMs } from "../schemas/common.ts";
import type { PythonSetup } from "../schemas/model-card.ts";
import { pythonSetupOf, requirementsPath } from "../train/python-setup.ts";
import type { ObjectReader } from "./object-reader.ts";
import { openRefPair, type RefPair, type ResolvedRef } from "./ref-pair.ts";
import { changedFiles, listTree } from "./tree.ts";

/** An affected model with what CI needs to train it. */
export interface AffectedEntry extends AffectedModel {
  /** `runs-on` label(s) from training.runner (null for removed models). */
  runner: string | string[] | null;
  /** training.timeout in whole minutes, rounded up (null for removed models). */
  timeoutMinutes: number | null;
  /** training.python: the Python environment CI sets up (null when none, or for removed models). */
  python: PythonSetup | null;
}

/** The result of `almanac affected`. */
export interface AffectedResult {
  base: ResolvedRef;
  head: ResolvedRef;
  mergeBase: string;
  /** Files changed between the merge base and the head. */
  changedFiles: number;
  models: AffectedEntry[];
  notes: string[];
}

const CARD_PATH = /^models\/([^/]+)\/model\.md$/;
const DEFAULT_RUNNER = "ubuntu-latest";
const DEFAULT_TIMEOUT_MINUTES = 10;

/**
 * Which models the changes from `base` (its merge base with head) to `head` touch. Git
 * processes: rev-parse, merge-base, diff, two ls-tree and one cat-file, whatever the
 * number of models. Cards are read through the fast line reader; only affected cards are
 * fully parsed (for their runner and timeout).
 */
export async function findAffected(root: string, baseRef: string, headRef = "HEAD"): Promise<AffectedResult> {
  const pair = await openRefPair(root, baseRef, headRef);
  try {
    return await affectedInPair(pair);
  } finally {
    await pair.reader.close();
  }
}

/** {@link findAffected} on an already opened pair (the diff reuses its reader). */
export async function affectedInPair(
  pair: RefPair,
  options: { reports?: boolean; trees?: { head: Map<string, string>; base: Map<string, string> } } = {},
): Promise<AffectedResult> {
  const [changes, headTree, baseTree] = await Promise.all([
    changedFiles(pair.root, pair.mergeBase, pair.head.commit),
    options.trees?.head ?? listTree(pair.root, pair.head.commit, ["models"]),
    options.trees?.base ?? listTree(pair.root, pair.mergeBase, ["models"]),
  ]);
  const [head, base] = await Promise.all([
    readCardTargets(pair.reader, headTree),
    readCardTargets(pair.reader, baseTree),
  ]);
  const affected = computeAffected(changes, head.targets, base.targets, options);
  const models = affected.map((model) => withTraining(model, head.texts.get(model.id)));
  return {
    base: pair.base,
    head: pair.head,
    mergeBase: pair.mergeBase,
    changedFiles: changes.length,
    models,
    notes: pair.notes,
  };
}

async function readCardTargets(reader: ObjectReader, tree: ReadonlyMap<string, string>) {
  const cards = [...tree].flatMap(([path, sha]) => {
    const id = CARD_PATH.exec(path)?.[1];
    return id ? [{ id, sha }] : [];
  });
  const objects = await reader.readMany(cards.map((card) => card.sha));
  const texts = new Map<string, string>();
  const targets: CardTargets[] = cards.map((card, index) => {
    const text = objects[index]?.data.toString("utf8") ?? "";
    texts.set(card.id, text);
    return { id: card.id, ...targetsOf(text, card.id) };
  });
  return { targets, texts };
}

/**
 * Dataset id and dependency globs of a card, by the fast reader when it can. A requirements file
 * outside the model folder (training.python.requirements, e.g. a shared `../../requirements.txt`)
 * counts as a dependency: changing it changes what the model trains with. Pure.
 */
export function targetsOf(text: string, folder?: string): Omit<CardTargets, "id"> {
  const yaml = splitFrontMatter(text, "model.md").yaml;
  const fast = yaml === undefined ? undefined : readFastCardFields(yaml);
  if (fast && !/^\s+(dependencies|python):/m.test(yaml ?? "")) {
    return { dataset: fast.dataset?.split("@")[0] ?? null, dependencies: [] };
  }
  const raw = parseModelCard(text, "model.md").raw;
  const dataset = isRecord(raw) && isRecord(raw.dataset) ? raw.dataset.id : undefined;
  const training = isRecord(raw) && isRecord(raw.training) ? raw.training : {};
  const dependencies = Array.isArray(training.dependencies) ? training.dependencies.map(String) : [];
  const requirements = pythonSetupOf(training.python)?.requirements;
  const path = folder && requirements ? requirementsPath(folder, requirements) : undefined;
  if (path && !path.startsWith(`models/${folder}/`)) dependencies.push(path);
  return { dataset: typeof dataset === "string" ? dataset : null, dependencies };
}

function withTraining(model: AffectedModel, text: string | undefined): AffectedEntry {
  if (model.status === "removed" || text === undefined)
    return { ...model, runner: null, timeoutMinutes: null, python: null };
  const parsed = parseModelCard(text, `models/${model.id}/model.md`);
  const raw = isRecord(parsed.raw) && isRecord(parsed.raw.training) ? parsed.raw.training : {};
  const training = parsed.card?.training;
  const runner = training?.runner ?? runnerOf(raw.runner) ?? DEFAULT_RUNNER;
  const timeout = training?.timeout ?? raw.timeout;
  const minutes =
    typeof timeout === "number" || (typeof timeout === "string" && /^\d+(s|m|h)$/.test(timeout))
      ? Math.ceil(durationToMs(timeout) / 60_000)
      : DEFAULT_TIMEOUT_MINUTES;
  const python = parsed.card ? training?.python : pythonSetupOf(raw.python);
  return { ...model, runner, timeoutMinutes: minutes, python: python ?? null };
}

function runnerOf(value: unknown): string | string[] | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string")) return value;
  return undefined;
}
