/**
 * Raises a semantic version's minor (1.1.0 → 1.2.0) or patch (1.1.0 → 1.1.1) part; a pre-release
 * or build suffix is dropped (1.2.0-rc.1 → minor → 1.3.0). Throws for text that is not a version.
 * Pure.
 */
export function bumpVersion(version: string, part: "minor" | "patch"): string {
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) throw new Error(`"${version}" is not a semantic version`);
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return part === "minor" ? `${major}.${minor + 1}.0` : `${major}.${minor}.${patch + 1}`;
}
