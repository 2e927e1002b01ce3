import type { Conflict } from "./plan.ts";

/** The npm scripts a registry gets: `npm run build` is the catalogue, `npm test` the checks. */
export const REGISTRY_SCRIPTS: Readonly<Record<string, string>> = {
  build: "almanac validate && almanac site build",
  test: "almanac validate",
};

/**
 * Install scripts npm may run in a registry's dependency tree (npm 11 lists unapproved ones
 * after every install; a later npm blocks them): Almanac's Node version check, and esbuild's
 * binary check (Astro builds with Vite, which uses esbuild).
 */
export const REGISTRY_ALLOW_SCRIPTS: Readonly<Record<string, boolean>> = { almanac: true, esbuild: true };

/** What `npm init -y` writes as the test script: a placeholder, not a test anyone wrote. */
export const NPM_PLACEHOLDER_TEST = 'echo "Error: no test specified" && exit 1';

/** How Almanac enters the registry's package.json. */
export interface AlmanacDependency {
  /** The spec for a new devDependency: an exact version, `file:…` or a git URL. */
  spec: string;
  /** The version of Almanac running init, which pins a range found in package.json. */
  version: string;
}

/** The merged package.json and what changed in it, or the conflicts that stop init. */
export interface PackageJsonMerge {
  json: Record<string, unknown>;
  changes: string[];
  conflicts: Conflict[];
}

/** A semver range (`^0.1.0`, `~0.1`, `>=0.1.0`, `*`, `latest`) rather than one version or a URL. */
function isRange(spec: string): boolean {
  return /^[\^~><=*]|^latest$|\bx\b|\|\|| - /.test(spec.trim());
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? { ...(value as Record<string, unknown>) }
    : {};
}

/** Adds `entries` under `key`; an entry present with another value is a conflict. */
function mergeEntries(
  json: Record<string, unknown>,
  key: string,
  entries: Readonly<Record<string, unknown>>,
  replaceable: (name: string, value: unknown) => boolean,
  merge: PackageJsonMerge,
): void {
  const current = record(json[key]);
  const added: string[] = [];
  for (const [name, value] of Object.entries(entries)) {
    if (!(name in current) || replaceable(name, current[name])) {
      if (current[name] !== value) added.push(name);
      current[name] = value;
    } else if (current[name] !== value) {
      merge.conflicts.push({
        path: `package.json ${key}.${name}`,
        reason: `is ${JSON.stringify(current[name])}; init would set ${JSON.stringify(value)}`,
      });
    }
  }
  if (added.length > 0) merge.changes.push(`${key}: ${added.join(", ")}`);
  json[key] = current;
}

/** Adds Almanac as a devDependency, or pins a range already there to the running version. */
function mergeAlmanac(json: Record<string, unknown>, almanac: AlmanacDependency, merge: PackageJsonMerge): void {
  for (const key of ["dependencies", "devDependencies"]) {
    const deps = record(json[key]);
    const spec = deps.almanac;
    if (typeof spec !== "string") continue;
    if (isRange(spec)) {
      deps.almanac = almanac.version;
      json[key] = deps;
      merge.changes.push(`${key}: almanac pinned to ${almanac.version} (was ${spec})`);
    }
    return;
  }
  json.devDependencies = { ...record(json.devDependencies), almanac: almanac.spec };
  merge.changes.push(`devDependencies: almanac ${almanac.spec}`);
}

/**
 * Merges Almanac's scripts, devDependency and install-script approvals into a registry's
 * package.json (`existing`, undefined when there is none), keeping everything else. A script or
 * approval of the same name with other content is a conflict, except npm's placeholder test.
 */
export function mergePackageJson(
  existing: Record<string, unknown> | undefined,
  name: string,
  almanac: AlmanacDependency,
): PackageJsonMerge {
  const json: Record<string, unknown> = existing
    ? { ...existing }
    : { name, version: "0.0.0", private: true, description: "Models, datasets and their reports (Almanac)" };
  const merge: PackageJsonMerge = { json, changes: [], conflicts: [] };
  mergeEntries(
    json,
    "scripts",
    REGISTRY_SCRIPTS,
    (script, value) => script === "test" && value === NPM_PLACEHOLDER_TEST,
    merge,
  );
  mergeAlmanac(json, almanac, merge);
  mergeEntries(json, "allowScripts", REGISTRY_ALLOW_SCRIPTS, () => false, merge);
  return merge;
}

/** package.json text in the indentation the file already uses (two spaces for a new one). */
export function renderPackageJson(json: Record<string, unknown>, previousText: string | undefined): string {
  const indent = /^[{[]\r?\n([ \t]+)\S/.exec(previousText ?? "")?.[1] ?? "  ";
  return `${JSON.stringify(json, null, indent)}\n`;
}

/** A package name from a folder name: lowercase, URL-safe, e.g. `My Models` → `my-models`. */
export function packageNameFrom(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[-._]+|[-._]+$/g, "");
  return name || "model-registry";
}
