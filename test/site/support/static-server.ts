import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_filter": "application/octet-stream",
};

/** A running static server and its origin, e.g. `http://127.0.0.1:41234`. */
export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/**
 * Serves a built site on 127.0.0.1 under a base path, as GitHub Pages serves a project site:
 * `/base/x/` → `x/index.html`, unknown paths → the site's 404.html with status 404, and
 * nothing outside the base.
 */
export async function serveStatic(dir: string, base: string): Promise<StaticServer> {
  const prefix = base.endsWith("/") ? base : `${base}/`;
  const notFound = join(dir, "404.html");
  const server: Server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    let file: string | undefined;
    if (path.startsWith(prefix) || `${path}/` === prefix) {
      const relative = normalize(path.slice(prefix.length)).replace(/^([/\\])+/, "");
      const candidate = join(dir, relative);
      if (candidate === dir || candidate.startsWith(dir + sep)) {
        if (await isFile(candidate)) file = candidate;
        else if (await isFile(join(candidate, "index.html"))) file = join(candidate, "index.html");
      }
    }
    const status = file ? 200 : 404;
    const served = file ?? notFound;
    response.writeHead(status, { "content-type": TYPES[extname(served)] ?? "application/octet-stream" });
    createReadStream(served).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
