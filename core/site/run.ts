import { mkdir } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import type { AstroInlineConfig } from "astro";
import { AlmanacError, EXIT_FINDINGS, EXIT_USAGE } from "../util/errors.ts";
import { type CatalogueOptions, catalogueConfig } from "./config.ts";

/** How much of Astro's own log reaches the terminal. */
export type SiteLogLevel = "info" | "warn" | "error" | "silent";

/** A catalogue build, dev server or preview: the repository, where output goes, Astro's log level. */
export interface SiteRunOptions extends CatalogueOptions {
  logLevel?: SiteLogLevel;
}

/** A running dev or preview server. */
export interface SiteServer {
  /** e.g. `http://127.0.0.1:4321/models/` */
  url: string;
  stop: () => Promise<void>;
}

/** Astro is heavy: it is imported only when a site verb runs. */
async function astro(): Promise<typeof import("astro")> {
  // Almanac's users did not opt into Astro's telemetry.
  process.env.ASTRO_TELEMETRY_DISABLED ??= "1";
  // Almanac pins the Astro it was tested with; "a new version of Astro" is not the user's to act on.
  process.env.ASTRO_DISABLE_UPDATE_CHECK ??= "true";
  return import("astro");
}

/**
 * Runs `work` with Astro's working folder as the current directory. Astro writes the code that
 * prerenders pages under the output folder when that is inside the current directory, else
 * under `<cwd>/.astro/`, and Node then imports it: from the working folder, Astro's own
 * dependencies resolve (it sits in the node_modules that holds Astro) and the repository
 * receives nothing but the output folder.
 */
async function inWorkDir<T>(config: AstroInlineConfig, work: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  const workDir = String(config.root);
  await mkdir(workDir, { recursive: true });
  process.chdir(workDir);
  try {
    return await work();
  } finally {
    process.chdir(previous);
  }
}

/** Builds the static catalogue of `options.repository` into `options.outDir`. */
export async function buildCatalogue(options: SiteRunOptions): Promise<void> {
  const { build } = await astro();
  const config = catalogueConfig(options);
  await inWorkDir(config, () =>
    build({ ...config, logLevel: options.logLevel ?? "warn", mode: "production" }).catch((error: unknown) => {
      throw buildError(error);
    }),
  );
}

/** The errors in `error`'s cause chain, outermost first. */
function causes(error: unknown): Error[] {
  const chain: Error[] = [];
  for (let current = error; current instanceof Error && chain.length < MAX_CAUSES; current = current.cause)
    chain.push(current);
  return chain;
}

const MAX_CAUSES = 10;

/**
 * What a failed build tells the user. An invalid repository is a finding (exit 1) listing every
 * invalid file; Astro's own errors keep their message and hint (exit 2). The site's loaders run
 * in modules Vite loads, so their error classes are recognised by name, not by identity.
 */
export function buildError(error: unknown): AlmanacError {
  const chain = causes(error);
  const invalid = chain.find((cause) => cause.name === "InvalidRepositoryError");
  if (invalid) return new AlmanacError(invalid.message, { exitCode: EXIT_FINDINGS, cause: error });
  if (error instanceof AlmanacError) return error;
  const first = chain[0];
  const hint = first && "hint" in first && typeof first.hint === "string" ? first.hint : "";
  return new AlmanacError(`the catalogue build failed: ${first?.message ?? String(error)}`, {
    hint: hint || "run again with --debug for the stack trace, and --verbose for Astro's log",
    exitCode: EXIT_USAGE,
    cause: error,
  });
}

function serverUrl(host: string, port: number, base: string): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}${base.startsWith("/") ? base : `/${base}`}`;
}

/** The repository folders whose changes restart the dev server (the catalogue's data). */
const WATCHED_FOLDERS = ["models", "datasets", "reports"];

/** Edits arrive in bursts (an editor's save, `almanac train` writing reports): wait for the last. */
const RESTART_DELAY_MS = 300;

/**
 * Serves the catalogue with reload on change (Astro's dev server). A change under models/,
 * datasets/ or reports/ restarts the server on the same port, which re-reads the repository;
 * the open page reloads itself when the server is back (Vite's client does that).
 */
export async function devCatalogue(
  options: SiteRunOptions & { host?: string; port?: number; onRestart?: (changed: string) => void },
): Promise<SiteServer> {
  const { dev } = await astro();
  const host = options.host ?? "127.0.0.1";
  const config = catalogueConfig(options);
  const start = (port: number) => dev({ ...config, logLevel: options.logLevel ?? "info", server: { host, port } });
  let server = await start(options.port ?? 4321);
  const port = server.address.port;
  const folders = WATCHED_FOLDERS.map((folder) => join(resolve(options.repository), folder));
  let timer: NodeJS.Timeout | undefined;
  let queue = Promise.resolve();
  let stopped = false;
  const restart = (changed: string) => {
    queue = queue.then(async () => {
      if (stopped) return;
      await server.stop();
      server = await start(port);
      watch(server);
      options.onRestart?.(changed);
    });
  };
  const watch = (current: Awaited<ReturnType<typeof start>>) => {
    current.watcher.add(folders);
    current.watcher.on("all", (_event: string, path: string) => {
      if (!folders.some((folder) => path === folder || path.startsWith(`${folder}${sep}`))) return;
      clearTimeout(timer);
      timer = setTimeout(() => restart(relative(options.repository, path)), RESTART_DELAY_MS);
    });
  };
  watch(server);
  return {
    url: serverUrl(host, port, options.base ?? "/"),
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await queue;
      await server.stop();
    },
  };
}

/** Serves a built catalogue from `options.outDir`, as a static host would. */
export async function previewCatalogue(
  options: SiteRunOptions & { host?: string; port?: number },
): Promise<SiteServer> {
  const { preview } = await astro();
  const host = options.host ?? "127.0.0.1";
  const server = await preview({
    ...catalogueConfig(options),
    logLevel: options.logLevel ?? "info",
    server: { host, port: options.port ?? 4321 },
  });
  return { url: serverUrl(host, server.port, options.base ?? "/"), stop: () => server.stop() };
}
