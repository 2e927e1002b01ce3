import type { ModelCard } from "../schemas/model-card.ts";

const MISSING_MODULE = /ModuleNotFoundError: No module named '([^']+)'/;
/** `sh: 1: python3: not found` (dash), `bash: line 1: python3: command not found` (bash). */
const NOT_FOUND = /(?:^|: )(python3?|pip3?|uv|poetry|conda): (?:command )?not found$/;

/**
 * What to tell the user when a training command fails, from the last lines of its stderr: a
 * Python module the interpreter that ran does not have, or an interpreter not on PATH, are
 * environment problems with a known fix; anything else gets the general advice. Pure.
 *
 * @example failureHint(card, ["ModuleNotFoundError: No module named 'sklearn'"], {})
 * // 'the python3 that ran has no module "sklearn": activate an environment with
 * //  models/churn/requirements.txt installed (…), then run almanac train churn again; see docs/training.md, "Python"'
 */
export function failureHint(card: ModelCard, stderrTail: readonly string[], env: Record<string, string>): string {
  const folder = `models/${card.id}`;
  const requirements = card.training.python?.requirements;
  const install = requirements
    ? `${folder}/${requirements} installed (pip install -r ${folder}/${requirements})`
    : "the packages train needs (declare them in training.python.requirements for CI)";
  const active = env.VIRTUAL_ENV ?? env.CONDA_PREFIX;
  const activate = active
    ? `the active environment ${active} lacks it`
    : "none is active: e.g. python3 -m venv .venv && . .venv/bin/activate";
  for (const line of [...stderrTail].reverse()) {
    const module = MISSING_MODULE.exec(line)?.[1];
    if (module)
      return `the Python that ran has no module "${module}": activate an environment with ${install}, then run almanac train ${card.id} again (${activate}); see docs/training.md, "Python"`;
    const program = NOT_FOUND.exec(line.trim());
    if (program)
      return `${program[1]} is not on the PATH almanac train was given: install it or activate the environment that has it; see docs/training.md, "Python"`;
  }
  return `run it yourself in ${folder} with the variables of docs/training.md to debug`;
}
