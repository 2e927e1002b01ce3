import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A full garbage collection now (V8's `gc`, reached without starting Node with `--expose-gc`).
 * The catalogue build calls it where a large read has just been let go: V8 sizes its heap for
 * the largest it has held and would otherwise let the next step's garbage pile up to that size.
 */
export function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
