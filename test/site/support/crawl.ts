/** One broken internal link: the page it is on, the target, and what went wrong. */
export interface BrokenLink {
  from: string;
  href: string;
  problem: string;
}

interface Visit {
  status: number;
  /** The page's HTML, for pages (not for CSS, feeds or scripts). */
  html: string | undefined;
  /** The first page linking here. */
  from: string;
}

const ATTRIBUTE = /\s(?:href|src)="([^"]*)"/g;

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((match) => decodeEntities(match[1] ?? "")));
}

async function visit(origin: string, path: string, from: string): Promise<Visit> {
  const response = await fetch(origin + path);
  const html = (response.headers.get("content-type") ?? "").includes("text/html") ? await response.text() : undefined;
  if (html === undefined) await response.arrayBuffer();
  return { status: response.status, html, from };
}

/**
 * Crawls a served site from `start`, following every link and asset (href, src) under
 * `prefix` (the base path). Reports targets that do not answer 200, same-origin links
 * outside the base path, and fragments (`#metrics`) naming no element of their page.
 */
export async function crawlSite(
  origin: string,
  start: string,
  prefix: string,
): Promise<{ pages: string[]; broken: BrokenLink[] }> {
  const visits = new Map<string, Visit>();
  const queue: { path: string; from: string }[] = [{ path: start, from: "(start)" }];
  const broken: BrokenLink[] = [];
  const fragments: { from: string; page: string; id: string; href: string }[] = [];
  while (queue.length > 0) {
    const { path, from } = queue.shift() as { path: string; from: string };
    if (visits.has(path)) continue;
    const result = await visit(origin, path, from);
    visits.set(path, result);
    if (result.status !== 200) broken.push({ from, href: path, problem: `HTTP ${result.status}` });
    if (result.html === undefined || result.status !== 200) continue;
    for (const match of result.html.matchAll(ATTRIBUTE)) {
      const href = decodeEntities(match[1] ?? "");
      const url = new URL(href, origin + path);
      if (url.origin !== origin) continue;
      if (!url.pathname.startsWith(prefix)) {
        broken.push({ from: path, href, problem: `outside the base path ${prefix}` });
        continue;
      }
      const id = decodeURIComponent(url.hash.slice(1));
      if (id !== "") fragments.push({ from: path, page: url.pathname, id, href });
      if (!visits.has(url.pathname)) queue.push({ path: url.pathname, from: path });
    }
  }
  for (const fragment of fragments) {
    const html = visits.get(fragment.page)?.html;
    if (html !== undefined && !idsOf(html).has(fragment.id))
      broken.push({ from: fragment.from, href: fragment.href, problem: "no element with this id" });
  }
  const pages = [...visits]
    .filter(([, result]) => result.html !== undefined && result.status === 200)
    .map(([path]) => path);
  return { pages, broken };
}
