import { Command, CommanderError } from "commander";
import { AlmanacError, DiagnosticsError, EXIT_USAGE } from "../util/errors.ts";
import { VERSION } from "../version.ts";
import { registerCommands } from "./commands/index.ts";
import { type CliContext, processContext } from "./context.ts";
import { formatDiagnostics, palette, summarizeDiagnostics, useColor } from "./output.ts";

export { VERSION } from "../version.ts";

/** An action receives the context and commander's arguments, and returns the exit code. */
export type CommandAction = (context: CliContext, ...args: never[]) => Promise<number>;
/** Wraps an action so its exit code reaches `main`. */
export type Runner = (action: CommandAction) => (...args: unknown[]) => Promise<void>;
/** Each verb lives in its own file under commands/ and registers itself with this signature. */
export type RegisterCommand = (program: Command, run: Runner) => void;

/**
 * Runs the CLI and returns the exit code: 0 ok, 1 findings, 2 usage or internal error.
 * The only place that turns errors into exit codes; no stack trace unless --debug.
 */
export async function main(argv: readonly string[], overrides: Partial<CliContext> = {}): Promise<number> {
  if (!overrides.stdout) exitQuietlyOnClosedPipe();
  let exitCode = 0;
  let context: CliContext | undefined;
  const program = new Command("almanac")
    .description("A model registry that lives in git.")
    .version(VERSION, "-v, --version")
    .option(...ROOT_OPTION)
    .option(...DEBUG_OPTION)
    .enablePositionalOptions()
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => (overrides.stdout ?? ((t: string) => process.stdout.write(t)))(text),
      writeErr: (text) => (overrides.stderr ?? ((t: string) => process.stderr.write(t)))(text),
    });
  const run: Runner =
    (action) =>
    async (...args) => {
      const command = args.at(-1) as Command;
      context = { ...processContext(command.optsWithGlobals()), ...overrides };
      exitCode = await (action as (context: CliContext, ...rest: unknown[]) => Promise<number>)(context, ...args);
    };
  await registerCommands(program, run, argv);
  addGlobalOptions(program.commands);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    return handleError(error, context ?? { ...processContext(program.opts()), ...overrides });
  }
}

let pipeGuarded = false;

/**
 * `almanac evaluate --help | head` closes the pipe before the CLI finishes writing: stop as a
 * command killed by SIGPIPE would, quietly, instead of an unhandled EPIPE with a stack trace.
 */
function exitQuietlyOnClosedPipe(): void {
  if (pipeGuarded) return;
  pipeGuarded = true;
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
      throw error;
    });
}

const ROOT_OPTION = ["--root <dir>", "repository root (default: the working directory)"] as const;
const DEBUG_OPTION = ["--debug", "print stack traces for internal errors"] as const;

/**
 * Options are positional (a verb's own `--version V` is not Almanac's version), so the global
 * `--root` and `--debug` are added to every verb as well: they work before or after it.
 */
function addGlobalOptions(commands: readonly Command[]): void {
  for (const command of commands) {
    const has = (flag: string) => command.options.some((option) => option.long === flag);
    if (!has("--root")) command.option(...ROOT_OPTION);
    if (!has("--debug")) command.option(...DEBUG_OPTION);
    addGlobalOptions(command.commands);
  }
}

function handleError(error: unknown, context: CliContext): number {
  if (error instanceof CommanderError) {
    if (
      error.code === "commander.helpDisplayed" ||
      error.code === "commander.version" ||
      error.code === "commander.help"
    )
      return 0;
    return EXIT_USAGE;
  }
  const c = palette(useColor(process.stderr));
  if (error instanceof DiagnosticsError) {
    context.stderr(formatDiagnostics(error.diagnostics, useColor(process.stderr)));
    context.stderr(`${c.red("error")} ${error.message}: ${summarizeDiagnostics(error.diagnostics)}`);
    if (error.hint) context.stderr(`  ${c.dim("hint:")} ${error.hint}`);
    return error.exitCode;
  }
  if (error instanceof AlmanacError) {
    const where = error.file ? `${error.file}: ` : "";
    context.stderr(`${c.red("error")} ${where}${error.message}`);
    if (error.hint) context.stderr(`  ${c.dim("hint:")} ${error.hint}`);
    if (context.debug && error.stack) context.stderr(error.stack);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  context.stderr(`${c.red("internal error")} ${message}`);
  if (context.debug && error instanceof Error && error.stack) context.stderr(error.stack);
  else context.stderr(`  ${c.dim("hint:")} run again with --debug for details, and report it if it persists`);
  return EXIT_USAGE;
}
