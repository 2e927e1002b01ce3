import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

/**
 * Debian's interpreter with python3-sklearn and python3-pandas (`.ci/run` installs them). Plain
 * `python3` on a developer's or CI machine's PATH may be another Python (pyenv, a toolcache) without
 * them, so tests never rely on PATH order to find it.
 */
export const DEBIAN_PYTHON = "/usr/bin/python3";

/** A Python virtual environment, activated the way `source <venv>/bin/activate` does it. */
export interface PythonVenv {
  /** The venv folder (VIRTUAL_ENV). */
  dir: string;
  /** VIRTUAL_ENV and PATH with the venv's bin/ first: spread over an environment to activate it. */
  env: { VIRTUAL_ENV: string; PATH: string };
  remove(): Promise<void>;
}

/**
 * Creates a real virtualenv over {@link DEBIAN_PYTHON} with `--system-site-packages` (so it sees
 * Debian's scikit-learn and pandas, as a venv with `pip install -r requirements.txt` would; pip
 * reaches no package index in these tests, hence `--without-pip`), and returns it activated.
 * `systemSitePackages: false` gives an empty environment: Python's standard library only.
 */
export async function createPythonVenv(
  options: { path?: string; systemSitePackages?: boolean } = {},
): Promise<PythonVenv> {
  const path = options.path ?? process.env.PATH ?? "/usr/bin:/bin";
  const dir = await mkdtemp(join(tmpdir(), "almanac-venv-"));
  const site = options.systemSitePackages === false ? [] : ["--system-site-packages"];
  await exec(DEBIAN_PYTHON, ["-m", "venv", "--without-pip", ...site, dir]);
  return {
    dir,
    env: { VIRTUAL_ENV: dir, PATH: `${join(dir, "bin")}:${path}` },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
