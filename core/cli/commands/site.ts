import { relative, resolve } from "node:path";
import type { Command } from "commander";
import type { SiteServer } from "../../site/run.ts";
import { EXIT_OK } from "../../util/errors.ts";
import type { CliContext } from "../context.ts";
import type { Runner } from "../main.ts";
import { palette } from "../output.ts";
import { startProgress } from "../progress.ts";

/** Options every site verb shares. */
interface SiteOptions {
  base?: string;
  site?: string;
  verbose?: boolean;
}

interface OutOptions extends SiteOptions {
  out?: string;
}

interface ServeOptions extends OutOptions {
  host: string;
  port: string;
}

/** `--out` relative to the working directory; by default `dist-site/` in the repository. */
function outDir(context: CliContext, out: string | undefined): string {
  return out === undefined ? resolve(context.root, "dist-site") : resolve(out);
}

function common(context: CliContext, options: OutOptions) {
  return {
    repository: context.root,
    outDir: outDir(context, options.out),
    base: options.base ?? process.env.BASE_PATH ?? "/",
    site: options.site ?? process.env.SITE_URL,
    logLevel: options.verbose ? ("info" as const) : ("warn" as const),
  };
}

function addSiteOptions(command: Command): Command {
  return command
    .option("--base <path>", "base path the site is served under, e.g. /models/ (default: $BASE_PATH or /)")
    .option("--site <url>", "the site's origin, for the sitemap and the feed (default: $SITE_URL)")
    .option("--verbose", "print Astro's own log");
}

function addServerOptions(command: Command): Command {
  return command
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port to listen on (the next free one when taken)", "4321");
}

/** Resolves when the process is asked to stop (Ctrl-C), after stopping the server. */
function serveUntilStopped(server: SiteServer): Promise<number> {
  return new Promise((resolvePromise) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      server.stop().then(
        () => resolvePromise(EXIT_OK),
        () => resolvePromise(EXIT_OK),
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

function registerBuild(parent: Command, run: Runner): void {
  addSiteOptions(
    parent
      .command("build")
      .description("build the static catalogue of the repository")
      .option("--out <dir>", "output folder (default: dist-site/ in the repository)"),
  ).action(
    run(async (context, options: OutOptions) => {
      const settings = common(context, options);
      const progress = startProgress("building the catalogue");
      const started = performance.now();
      const { buildCatalogue } = await import("../../site/run.ts");
      const { summarizeCatalogue } = await import("../../site/summary.ts");
      await buildCatalogue(settings).finally(() => progress.stop());
      const summary = await summarizeCatalogue(settings.outDir);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const where = relative(process.cwd(), settings.outDir) || ".";
      context.stdout(`${palette().green("✓")} built the catalogue into ${where}/: ${summary} (${seconds} s)`);
      return EXIT_OK;
    }),
  );
}

function registerDev(parent: Command, run: Runner): void {
  addServerOptions(
    addSiteOptions(
      parent.command("dev").description("serve the catalogue, rebuilding pages as the repository changes"),
    ),
  ).action(
    run(async (context, options: ServeOptions) => {
      const { devCatalogue } = await import("../../site/run.ts");
      const server = await devCatalogue({
        ...common(context, options),
        outDir: outDir(context, undefined),
        host: options.host,
        port: Number(options.port),
        logLevel: options.verbose ? "info" : "warn",
        onRestart: (changed) => context.stdout(`${palette().dim("↻")} ${changed} changed: catalogue reloaded`),
      });
      context.stdout(`${palette().green("✓")} serving the catalogue at ${server.url} (Ctrl-C to stop)`);
      return serveUntilStopped(server);
    }),
  );
}

function registerPreview(parent: Command, run: Runner): void {
  addServerOptions(
    addSiteOptions(
      parent
        .command("preview")
        .description("serve a built catalogue as a static host would")
        .option("--out <dir>", "the built catalogue (default: dist-site/ in the repository)"),
    ),
  ).action(
    run(async (context, options: ServeOptions) => {
      const { previewCatalogue } = await import("../../site/run.ts");
      const server = await previewCatalogue({
        ...common(context, options),
        host: options.host,
        port: Number(options.port),
      });
      context.stdout(
        `${palette().green("✓")} serving ${outDir(context, options.out)} at ${server.url} (Ctrl-C to stop)`,
      );
      return serveUntilStopped(server);
    }),
  );
}

/** `almanac site build|dev|preview`: the repository's catalogue, from the installed package. */
export function registerSite(program: Command, run: Runner): void {
  const parent = program.command("site").description("build, serve or preview the repository's catalogue");
  registerBuild(parent, run);
  registerDev(parent, run);
  registerPreview(parent, run);
}
