/**
 * Internal links of the catalogue. Every page link goes through here with the site's base
 * (`import.meta.env.BASE_URL`, e.g. `/almanac/` on a GitHub Pages project site), ends in a
 * slash (the site is built with `trailingSlash: "always"`) and encodes each segment.
 */
export function pageUrl(base: string, ...segments: string[]): string {
  const prefix = base.endsWith("/") ? base : `${base}/`;
  const path = segments
    .filter((segment) => segment !== "")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  return path === "" ? prefix : `${prefix}${path}/`;
}

/** A file at the site root (feed, sitemap, search index), without a trailing slash. */
export function fileUrl(base: string, file: string): string {
  return `${base.endsWith("/") ? base : `${base}/`}${file}`;
}

/** The routes of the catalogue, in one place so pages and tests agree. */
export const routes = {
  catalogue: (base: string) => pageUrl(base),
  model: (base: string, id: string) => pageUrl(base, "models", id),
  dataset: (base: string, id: string) => pageUrl(base, "datasets", id),
  datasets: (base: string) => pageUrl(base, "datasets"),
  drift: (base: string, model: string, date: string) => pageUrl(base, "drift", model, date),
  driftIndex: (base: string) => pageUrl(base, "drift"),
  filter: (base: string, facet: string, value: string) => pageUrl(base, "filter", facet, value),
  search: (base: string) => pageUrl(base, "search"),
  about: (base: string) => pageUrl(base, "about"),
  feed: (base: string) => fileUrl(base, "feed.xml"),
} as const;

/** A URL-safe slug of free text (owners such as `@org/team`): lowercase letters, digits and dashes. */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug === "" ? "none" : slug;
}
