import { posix } from "node:path";
import { type PythonSetup, PythonSetupSchema } from "../schemas/model-card.ts";

/** The Python fields of a CI matrix entry (Contract A): empty strings when the card declares none. */
export interface PythonMatrixFields {
  /**
   * `python-version` for actions/setup-python: the card's training.python.version; `3.x` (the
   * newest Python 3 setup-python knows) when the card names requirements but no version, since
   * pip refuses to install into the runner's system Python (PEP 668); "" when the card names neither.
   */
  python_version: string;
  /** Repository-relative path for `pip install -r`; "" when the card has no requirements file. */
  python_requirements: string;
}

/**
 * The repository-relative path of a model's requirements file (`models/<id>/<requirements>`,
 * normalised), or undefined when it would leave the repository. Pure.
 *
 * @example requirementsPath("churn", "requirements.txt") // "models/churn/requirements.txt"
 * @example requirementsPath("churn", "../../requirements.txt") // "requirements.txt"
 */
export function requirementsPath(modelId: string, requirements: string): string | undefined {
  const path = posix.normalize(posix.join("models", modelId, requirements));
  return path === ".." || path.startsWith("../") || posix.isAbsolute(path) ? undefined : path;
}

/** Python when a card names requirements but no version: setup-python's newest 3.x. */
export const DEFAULT_CI_PYTHON = "3.x";

/** The matrix fields for a card's `training.python` (absent: both ""). Pure. */
export function pythonMatrixFields(modelId: string, python: PythonSetup | undefined): PythonMatrixFields {
  const requirements = python?.requirements === undefined ? undefined : requirementsPath(modelId, python.requirements);
  const version = python?.version ?? (requirements === undefined ? "" : DEFAULT_CI_PYTHON);
  return { python_version: version, python_requirements: requirements ?? "" };
}

/**
 * `training.python` from a card's raw front matter when the card as a whole is invalid (e.g. in
 * `almanac affected` on a branch that breaks another field): each sub-field kept only if it is
 * valid on its own, so the matrix never carries text the schema would refuse. Pure.
 */
export function pythonSetupOf(raw: unknown): PythonSetup | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const record = raw as Record<string, unknown>;
  const version = PythonSetupSchema.shape.version.safeParse(record.version);
  const requirements = PythonSetupSchema.shape.requirements.safeParse(record.requirements);
  return {
    ...(version.success && version.data !== undefined ? { version: version.data } : {}),
    ...(requirements.success && requirements.data !== undefined ? { requirements: requirements.data } : {}),
  };
}
