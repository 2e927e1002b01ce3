import type { ModelCard } from "../schemas/model-card.ts";

/** The basics of any process: where programs are, who and where the user is, how text is encoded. */
export const SYSTEM_VARIABLES = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "LANG",
  "LC_ALL",
  "LC_CTYPE",
  "TZ",
  "TMPDIR",
  "TERM",
] as const;

/**
 * Variables that select the interpreter environment a command runs in, so `almanac train` uses the
 * Python environment the user activated (venv/virtualenv, conda/mamba, pyenv, uv, Poetry, Pipenv)
 * and its native libraries. Each holds a path, a name, a version or a switch: none can carry a
 * credential. Left out on purpose, because their values may embed a password or token: `PIP_*`
 * (PIP_INDEX_URL may be https://user:password@…), UV_INDEX, UV_INDEX_URL, UV_EXTRA_INDEX_URL,
 * `POETRY_HTTP_BASIC_*`, `POETRY_PYPI_TOKEN_*`, HTTP_PROXY / HTTPS_PROXY, and conda's channel
 * settings. Installing packages is the environment's setup, done before `almanac train`.
 */
export const INTERPRETER_VARIABLES = [
  // Python itself
  "VIRTUAL_ENV",
  "PYTHONPATH",
  "PYTHONHOME",
  "PYTHONHASHSEED",
  "PYTHONNOUSERSITE",
  "PYTHONUSERBASE",
  "PYTHONUTF8",
  "PYTHONIOENCODING",
  "PYTHONDONTWRITEBYTECODE",
  "PYTHONUNBUFFERED",
  // conda, mamba, micromamba
  "CONDA_PREFIX",
  "CONDA_DEFAULT_ENV",
  "CONDA_EXE",
  "CONDA_PYTHON_EXE",
  "CONDA_SHLVL",
  "CONDA_ENVS_PATH",
  "CONDA_PKGS_DIRS",
  "MAMBA_EXE",
  "MAMBA_ROOT_PREFIX",
  // pyenv, pyenv-virtualenv
  "PYENV_VERSION",
  "PYENV_ROOT",
  "PYENV_DIR",
  "PYENV_VIRTUAL_ENV",
  // uv
  "UV_PYTHON",
  "UV_PROJECT_ENVIRONMENT",
  "UV_CACHE_DIR",
  "UV_PYTHON_INSTALL_DIR",
  "UV_OFFLINE",
  "UV_FROZEN",
  "UV_NO_SYNC",
  // Poetry, Pipenv, virtualenvwrapper
  "POETRY_ACTIVE",
  "POETRY_VIRTUALENVS_PATH",
  "POETRY_VIRTUALENVS_IN_PROJECT",
  "POETRY_CACHE_DIR",
  "PIPENV_ACTIVE",
  "PIPENV_VENV_IN_PROJECT",
  "WORKON_HOME",
  // native libraries: where they are, how many threads, which GPUs
  "LD_LIBRARY_PATH",
  "OMP_NUM_THREADS",
  "OPENBLAS_NUM_THREADS",
  "MKL_NUM_THREADS",
  "CUDA_VISIBLE_DEVICES",
] as const;

/**
 * Variables passed through from Almanac's own environment to the training command; everything
 * else (GITHUB_TOKEN, GITHUB_*, ACTIONS_*, cloud credentials such as AWS_*, AZURE_*, GOOGLE_*,
 * NPM and package-index tokens…) is withheld, so pull-request code never sees a secret of the job
 * that runs it. docs/training.md lists them (a test keeps the two in step).
 */
export const PASSED_THROUGH = [...SYSTEM_VARIABLES, ...INTERPRETER_VARIABLES] as const;

/** Where the contract's files are. */
export interface ContractPaths {
  train: string;
  test: string;
  output: string;
  /** The empty folder the command writes its model to (ALMANAC_MODEL_DIR), packed afterwards. */
  model: string;
}

/**
 * The environment of a training command (docs/training.md, "The environment contract"):
 * the passed-through variables (PYTHONUNBUFFERED=1 unless the parent sets it) plus
 * - ALMANAC_TRAIN: CSV with row_id, the features and the target;
 * - ALMANAC_TEST: CSV with row_id and the features only (never the labels);
 * - ALMANAC_PARAMS: the card's training.params as JSON;
 * - ALMANAC_OUTPUT: directory for predictions.csv and training-log.csv/.json;
 * - ALMANAC_MODEL_DIR: empty directory for the model itself, packed into the versioned artifact;
 * - ALMANAC_SEED, ALMANAC_TARGET, ALMANAC_FEATURES (comma-separated), ALMANAC_TASK, ALMANAC_MODEL;
 * - ALMANAC_CLASSES (classification): JSON array of the sorted class labels;
 * - ALMANAC_POSITIVE_CLASS (binary): the positive class;
 * - ALMANAC_WEIGHTS (card `fairness.mitigation`): CSV `row_id,weight` of every train row, set by
 *   `almanac train` itself (core/mitigation/weights-file.ts), never from the parent environment.
 */
export function trainingEnvironment(
  parent: NodeJS.ProcessEnv,
  card: ModelCard,
  paths: ContractPaths,
  classes: readonly string[] | null,
  positiveClass: string | null,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASSED_THROUGH) {
    const value = parent[name];
    if (value !== undefined) env[name] = value;
  }
  // Python buffers stdout into a pipe until it exits; unbuffered, its progress streams line by line.
  env.PYTHONUNBUFFERED ??= "1";
  Object.assign(env, {
    ALMANAC_TRAIN: paths.train,
    ALMANAC_TEST: paths.test,
    ALMANAC_PARAMS: JSON.stringify(card.training.params),
    ALMANAC_OUTPUT: paths.output,
    ALMANAC_MODEL_DIR: paths.model,
    ALMANAC_SEED: String(card.training.seed),
    ALMANAC_TARGET: card.dataset.target,
    ALMANAC_FEATURES: card.dataset.features.join(","),
    ALMANAC_TASK: card.task,
    ALMANAC_MODEL: card.id,
  });
  if (classes) env.ALMANAC_CLASSES = JSON.stringify(classes);
  if (positiveClass !== null) env.ALMANAC_POSITIVE_CLASS = positiveClass;
  return env;
}
