/**
 * Runs `almanac validate --root <dir>` in this process with output discarded and prints
 * `{"code": n, "maxRssKb": n}`: tests compare peak memory of two runs to prove streaming.
 */
import { main } from "../../core/cli/main.ts";

const root = process.argv[2] ?? ".";
const code = await main(["validate", "--root", root], { stdout: () => {}, stderr: () => {} });
process.stdout.write(`${JSON.stringify({ code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
