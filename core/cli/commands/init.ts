import { relative } from "node:path";
import type { Command } from "commander";
import type { InitResult } from "../../init/init.ts";
import { EXIT_OK } from "../../util/errors.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";

/** What init did, one line a file: `+` created, `~` merged into. */
export function describeInit(result: InitResult, cwd: string): string {
  const c = palette();
  const where = relative(cwd, result.dir) || ".";
  const lines = [`${c.green("✓")} set up an Almanac registry in ${where}`];
  for (const change of result.plan.changes)
    lines.push(
      change.action === "create"
        ? `  ${c.green("+")} ${change.path}`
        : `  ${c.yellow("~")} ${change.path} ${c.dim(`(${change.detail})`)}`,
    );
  for (const kept of result.plan.kept) lines.push(`  ${c.dim(`= ${kept} (yours, kept; the next steps are below)`)}`);
  if (result.gitInitialised) lines.push("  initialised a git repository");
  const install = result.needsInstall ? "npm install, then " : "";
  lines.push(`  next: ${install}npx almanac new dataset <id> --from <file> --target <column> (README.md: next steps)`);
  return lines.join("\n");
}

/** `almanac init [dir]`: set up a registry repository, or add Almanac to an existing one. */
export function registerInit(program: Command, run: Runner): void {
  program
    .command("init")
    .description("set up a model registry repository, or add Almanac to an existing one")
    .argument("[dir]", "the repository (default: --root, or the working directory)")
    .option("--almanac-repo <owner/name>", "Almanac's GitHub repository the workflows call (default: the package's)")
    .option("--almanac-ref <ref>", "the ref of Almanac's workflows to pin (default: v<version>)")
    .option("--almanac-spec <spec>", "devDependency spec when package.json has none (default: this version)")
    .option("--no-install", "do not run npm install when Almanac is not installed in the repository yet")
    .addHelpText(
      "after",
      [
        "",
        "Writes package.json (scripts build and test, Almanac as a pinned devDependency), .node-version,",
        ".gitignore, models/, datasets/, reports/, .vscode/ settings for the JSON Schemas, README.md and the",
        "caller workflows in .github/workflows/. An existing package.json, .gitignore and .vscode/ settings",
        "are merged; an existing README.md is kept. Refuses (exit 2, writing nothing) when a file or a",
        "package.json script of the same name has other content, and when the repository is already set up.",
      ].join("\n"),
    )
    .action(
      run(
        async (
          context,
          dir: string | undefined,
          options: { almanacRepo?: string; almanacRef?: string; almanacSpec?: string; install: boolean },
        ) => {
          const { initRegistry } = await import("../../init/init.ts");
          const { resolve } = await import("node:path");
          const result = await initRegistry({
            dir: dir === undefined ? context.root : resolve(dir),
            almanacRepo: options.almanacRepo,
            almanacRef: options.almanacRef,
            almanacSpec: options.almanacSpec,
            install: options.install,
          });
          context.stdout(describeInit(result, process.cwd()));
          return EXIT_OK;
        },
      ),
    );
}
