import { lstat, realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import type { LoadedModelCard } from "../load/model-card.ts";
import { requirementsPath } from "../train/python-setup.ts";
import { type Diagnostic, defineDiagnostic } from "../util/diagnostic.ts";

const FIELD = ["training", "python", "requirements"] as const;
const FORMAT_HINT = "a pip requirements file, one pinned package a line (e.g. scikit-learn==1.2.1)";

/**
 * Checks a card's `training.python.requirements`: the file is inside the repository (no `..` past
 * the root, no symlink out of it), exists and is a regular file, since CI runs `pip install -r` on
 * it before training. A `requirements.txt` in the model folder that the card does not declare is
 * a warning: CI would not install it.
 */
export async function checkPythonSetup(root: string, loaded: LoadedModelCard): Promise<Diagnostic[]> {
  const card = loaded.card;
  if (!card) return [];
  const declared = card.training.python?.requirements;
  if (declared === undefined) return undeclaredRequirements(root, loaded);
  const at = (path: readonly PropertyKey[]) => loaded.document?.locate(path) ?? { line: 1, column: 1 };
  const problem = (code: string, message: string, hint: string) => [
    defineDiagnostic({ file: loaded.file, ...at(FIELD), field: FIELD.join("."), code, message, hint }),
  ];
  const path = requirementsPath(loaded.folder, declared);
  if (path === undefined)
    return problem(
      "ref.requirements-escape",
      `requirements "${declared}" leaves the repository`,
      "the path is relative to the model folder: use requirements.txt, or ../../requirements.txt for one at the repository root",
    );
  const absolute = join(root, path);
  const link = await lstat(absolute).catch(() => undefined);
  const real = link ? await realpath(absolute).catch(() => undefined) : undefined;
  if (!real)
    return problem(
      "ref.requirements-missing",
      `${path} does not exist`,
      `add it (${FORMAT_HINT}) or fix the path, which is relative to the model folder`,
    );
  const realRoot = await realpath(root);
  if (real !== realRoot && !real.startsWith(realRoot + sep))
    return problem(
      "ref.requirements-escape",
      `${path} is a symlink that resolves outside the repository (${real})`,
      "commit the requirements file itself",
    );
  if (!(await stat(real)).isFile())
    return problem("ref.requirements-not-file", `${path} is not a regular file`, `point it at ${FORMAT_HINT}`);
  return [];
}

async function undeclaredRequirements(root: string, loaded: LoadedModelCard): Promise<Diagnostic[]> {
  const path = `models/${loaded.folder}/requirements.txt`;
  const found = await stat(join(root, path)).catch(() => undefined);
  if (!found?.isFile()) return [];
  const at = loaded.document?.locate(["training"], { key: true }) ?? { line: 1, column: 1 };
  return [
    defineDiagnostic({
      file: loaded.file,
      ...at,
      field: "training",
      severity: "warning",
      code: "ref.requirements-undeclared",
      message: `${path} is not declared: CI will not install it before training`,
      hint: 'add training.python: { version: "3.12", requirements: requirements.txt }',
    }),
  ];
}
