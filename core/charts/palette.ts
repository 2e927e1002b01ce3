/**
 * Okabe–Ito colours (https://jfly.uni-koeln.de/color/): distinguishable by readers with
 * every common colour-vision deficiency. The order puts the darkest first so the first
 * two series also differ in lightness when printed in grey.
 */
export const CATEGORICAL = [
  "#0072B2", // blue
  "#E69F00", // orange
  "#009E73", // bluish green
  "#CC79A7", // reddish purple
  "#D55E00", // vermillion
  "#56B4E9", // sky blue
  "#000000", // black
  "#F0E442", // yellow
] as const;

/** Dash patterns paired with {@link CATEGORICAL}, so lines stay apart in black-and-white print. */
export const DASHES: readonly (readonly number[])[] = [
  [1, 0],
  [6, 3],
  [2, 2],
  [8, 3, 2, 3],
  [1, 3],
  [10, 2],
];

/** Point shapes paired with {@link CATEGORICAL}, a third channel besides colour and dash. */
export const SHAPES = ["circle", "square", "triangle-up", "diamond", "cross", "triangle-down"] as const;

/** Reference versus current: dark blue and light orange differ in hue and in grey. */
export const REFERENCE_COLOR = "#0072B2";
export const CURRENT_COLOR = "#E69F00";

/** Drift and failures: vermillion (Okabe–Ito), paired with a filled shape, never colour alone. */
export const ALERT_COLOR = "#D55E00";

/** Text and rules: dark enough for WCAG AA contrast on white. */
export const INK = "#1f2328";
export const MUTED_INK = "#57606a";
export const GRID = "#d0d7de";

/** The font stack of the site, so charts match the page text. */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
