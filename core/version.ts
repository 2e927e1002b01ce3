import packageJson from "../package.json" with { type: "json" };

/** Almanac's own version, from package.json (inlined when the CLI is bundled for installation). */
export const VERSION: string = packageJson.version;
