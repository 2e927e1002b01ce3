import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSiteFixtures } from "../../scripts/generate-site-fixtures.ts";
import { launchBrowser } from "./support/browser.ts";
import { PROJECT_ROOT, runAstroBuild } from "./support/build-site.ts";
import { type StaticServer, serveStatic } from "./support/static-server.ts";

// The timeline and the feed never contradict the committed drift reports: a report rewritten
// with another verdict (here: after a card edit, as a change of monitoring tests does) is an
// event of its own, and the newest event about each report states the report's verdict.

const BASE = "/almanac/";
const MODEL = "seattle-rain";
let repository: string;
let outDir: string;
let server: StaticServer;
let browser: BrowserContext;
let rewritten: string;
let dates: string[];

function git(...args: string[]): string {
  return execFileSync("git", ["-C", repository, ...args], {
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "Grace Hopper",
      GIT_AUTHOR_EMAIL: "grace@example.com",
      GIT_COMMITTER_NAME: "Grace Hopper",
      GIT_COMMITTER_EMAIL: "grace@example.com",
    },
  });
}

/** Rewrites a report with the opposite verdict, consistently (every column, the counts, the share). */
async function flipVerdict(file: string): Promise<boolean> {
  const report = JSON.parse(await readFile(file, "utf8"));
  const drifted = !report.dataset_drift;
  const columns = report.columns as { drifted: boolean }[];
  for (const [index, column] of columns.entries()) column.drifted = drifted && index < columns.length;
  report.dataset_drift = drifted;
  report.drifted_columns = drifted ? columns.length : 0;
  report.drift_share = drifted ? 1 : 0;
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return drifted;
}

beforeAll(async () => {
  const work = await mkdtemp(join(tmpdir(), "almanac-timeline-"));
  repository = join(work, "repo");
  await generateSiteFixtures(repository, { kind: "examples", from: PROJECT_ROOT, probe: false });
  dates = (await readdir(join(repository, "reports/drift", MODEL))).map((name) => name.slice(0, 10)).sort();
  rewritten = dates.at(-1) as string;
  await flipVerdict(join(repository, "reports/drift", MODEL, `${rewritten}.json`));
  const card = join(repository, "models", MODEL, "model.md");
  await writeFile(card, `${await readFile(card, "utf8")}\nJudged again with the new monitoring tests.\n`);
  git("add", "-A");
  git("commit", "-q", "-m", "Judge the 2015 season again (#21)");
  outDir = join(work, "site");
  const build = await runAstroBuild(repository, outDir, {
    BASE_PATH: BASE,
    SITE_REPO_URL: "https://github.com/example/almanac",
  });
  if (build.code !== 0) throw new Error(`astro build failed:\n${build.output}`);
  server = await serveStatic(outDir, BASE);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the timeline of re-judged drift reports", () => {
  it("states each report's current verdict in its newest event, on the model page", async () => {
    const page = await browser.newPage();
    for (const date of dates) {
      await page.goto(`${server.origin}${BASE}drift/${MODEL}/${date}/`);
      const verdict = (await page.locator("main > p.fail, main > p.pass").first().textContent()) ?? "";
      const drifted = verdict.startsWith("▲");
      await page.goto(`${server.origin}${BASE}models/${MODEL}/`);
      const newest = page.locator(`ol.timeline li:has(a[href$="/drift/${MODEL}/${date}/"])`).first();
      const summary = (await newest.textContent()) ?? "";
      const stated = /(?:→|:) (no dataset drift|dataset drift)\b[^→]*$/.exec(summary)?.[1];
      expect(stated, `${date}: ${summary}`).toBe(drifted ? "dataset drift" : "no dataset drift");
    }
    const top = page.locator("ol.timeline li").first();
    await expect(top.locator("strong").textContent()).resolves.toBe("Drift report re-judged");
    await expect(top.textContent()).resolves.toMatch(
      new RegExp(
        `Drift report of ${rewritten} re-judged: dataset drift → no dataset drift \\(0 columns drifted, share 0\\), with the model card changed in commit [0-9a-f]{7}`,
      ),
    );
    await expect(page.locator("section.verdict dt:text-is('Drift') + dd").textContent()).resolves.toContain("No drift");
    await page.close();
  });

  it("puts the re-judged report in the feed, naming its date, with links under the base path", async () => {
    const feed = await (await fetch(`${server.origin}${BASE}feed.xml`)).text();
    const items = [...feed.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((match) => match[1] ?? "");
    expect(items[0]).toContain(
      `<title>Seattle rain-day classifier: Drift report of ${rewritten} re-judged: dataset drift → no dataset drift`,
    );
    expect(feed).toMatch(
      /<channel><title>[^<]*<\/title><description>[^<]*<\/description><link>https:\/\/example\.github\.io\/almanac\/?<\/link>/,
    );
    for (const item of items) expect(item).toMatch(/<link>https:\/\/example\.github\.io\/almanac\/models\//);
    const added = items.filter((item) => item.includes("Drift report of"));
    expect(added.length).toBe(dates.length + 1);
  });
});
