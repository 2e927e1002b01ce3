import { realpath } from "node:fs/promises";
import { readHistory } from "../../../core/git/history.ts";
import { runGit } from "../../../core/git/process.ts";
import type { HistoryEvent } from "../../../core/schemas/history.ts";
import { type Diagnostic, defineDiagnostic } from "../../../core/util/diagnostic.ts";

/** True when `root` is the top folder of a git work tree (not merely inside another repository). */
export async function isGitRoot(root: string): Promise<boolean> {
  try {
    const result = await runGit(root, ["rev-parse", "--show-toplevel"], { okCodes: [128] });
    if (result.code !== 0) return false;
    const top = result.stdout.toString("utf8").trim();
    return (await realpath(top)) === (await realpath(root));
  } catch {
    return false;
  }
}

/**
 * The lifecycle events of every model through `readHistory` (one git log pass). A folder
 * that is not a git repository (a downloaded archive) builds without timelines and says
 * so in a warning; a shallow clone fails, since its timelines would be silently cut short.
 */
export async function loadHistory(root: string): Promise<{ events: HistoryEvent[]; diagnostics: Diagnostic[] }> {
  if (!(await isGitRoot(root))) {
    const warning = defineDiagnostic({
      file: ".",
      severity: "warning",
      code: "site.no-git",
      message: "the repository is not a git checkout: model pages are built without lifecycle timelines",
      hint: "build the catalogue from a git clone (in GitHub Actions, actions/checkout with fetch-depth: 0)",
    });
    return { events: [], diagnostics: [warning] };
  }
  return { events: await readHistory(root), diagnostics: [] };
}
