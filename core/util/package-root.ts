import { fileURLToPath } from "node:url";

/**
 * Almanac's own folder: the checkout, or node_modules/almanac when installed. This module is two
 * folders deep both as source (core/util/package-root.ts) and compiled into dist/cli/almanac.js.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Running from the compiled CLI (an installed package), not from the TypeScript sources. */
export const COMPILED = import.meta.url.endsWith(".js");
