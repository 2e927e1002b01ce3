import { mkdir, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROBE_FLAGS, PROBE_MODEL_ID } from "../../scripts/site-fixtures/probe-card.ts";
import { launchBrowser } from "./support/browser.ts";
import { type BuiltSite, buildExampleSite, PROJECT_ROOT, runAstroBuild } from "./support/build-site.ts";
import { crawlSite } from "./support/crawl.ts";
import { type StaticServer, serveStatic } from "./support/static-server.ts";

// The example catalogue, built once from the examples (plus the injection-probe card) with a
// git history, served under a GitHub Pages project base path and driven in Debian's Chromium.

let site: BuiltSite;
/** Models in the fixture: the examples plus the probe card. */
let modelCount: number;
/** Date of seattle-rain's newest drift report (real when committed, else from the fixture generator). */
let latestDrift: string;
let server: StaticServer;
let browser: BrowserContext;
const consoleErrors: string[] = [];
const dialogs: string[] = [];

const url = (path = "") => `${server.origin}${site.base}${path}`;

function watch(page: Page): void {
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
}

async function openPage(path: string): Promise<Page> {
  const page = await browser.newPage();
  watch(page);
  const response = await page.goto(url(path));
  expect(response?.status(), `status of ${path}`).toBe(200);
  return page;
}

async function axeViolations(page: Page): Promise<{ id: string; targets: string[] }[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((violation) => ({
    id: violation.id,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}

beforeAll(async () => {
  await import("node:child_process").then(({ execFileSync }) =>
    execFileSync("flock", ["/tmp/almanac-apt.lock", "true"]),
  );
  site = await buildExampleSite("/almanac/");
  modelCount = (await readdir(join(site.repository, "models"))).length;
  latestDrift = (await readdir(join(site.repository, "reports/drift/seattle-rain"))).sort().at(-1)?.slice(0, 10) ?? "";
  server = await serveStatic(site.outDir, site.base);
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the example catalogue in Chromium", () => {
  it("lists every model with its stage, metric, sparkline and drift", async () => {
    const page = await openPage("");
    await expect(page.title()).resolves.toBe("Models · Almanac");
    const rows = page.locator("table[data-catalogue] tbody tr");
    await expect(rows.count()).resolves.toBe(modelCount);
    const rain = page.locator('table[data-catalogue] tbody tr:has(a[href$="/models/seattle-rain/"])');
    await expect(rain.locator("td").nth(1).textContent()).resolves.toBe("production");
    await expect(rain.locator("svg[role=img]").getAttribute("aria-label")).resolves.toMatch(
      /^ROC AUC across versions\./,
    );
    await expect(rain.textContent()).resolves.toMatch(/ROC AUC\s*\d\.\d+ \[\d\.\d+, \d\.\d+\]/);
    await page.close();
  });

  it("filters instantly with JavaScript and combines facets in the URL", async () => {
    const page = await openPage("");
    const rows = page.locator("table[data-catalogue] tbody tr");
    const multiclass = await page
      .locator('table[data-catalogue] tbody tr[data-task="multiclass-classification"]')
      .count();
    expect(multiclass).toBeGreaterThan(0);
    await page.locator('nav[data-filters] a[data-facet="task"][data-value="multiclass-classification"]').click();
    await expect(page.locator("[data-status]").textContent()).resolves.toBe(
      `Showing ${multiclass} of ${modelCount} models.`,
    );
    await page.locator('nav[data-filters] a[data-facet="owner"][data-value="almanac-ecology"]').click();
    expect(new URL(page.url()).search).toBe("?task=multiclass-classification&owner=almanac-ecology");
    const visible = page.locator("table[data-catalogue] tbody tr:not([hidden])");
    const expected = await rows.evaluateAll(
      (all) =>
        all.filter(
          (row) =>
            (row as HTMLElement).dataset.task === "multiclass-classification" &&
            ((row as HTMLElement).dataset.owner ?? "").split(" ").includes("almanac-ecology"),
        ).length,
    );
    expect(expected).toBeGreaterThan(0);
    await expect(visible.count()).resolves.toBe(expected);
    await expect(visible.locator("td.name a").allTextContents()).resolves.toContain("Penguin species classifier");
    await expect(page.locator("[data-status]").textContent()).resolves.toBe(
      `Showing ${expected} of ${modelCount} models.`,
    );
    await page.locator('nav[data-filters] a[data-facet="owner"][data-value="almanac-ecology"]').click();
    await expect(page.locator("[data-status]").textContent()).resolves.toBe(
      `Showing ${multiclass} of ${modelCount} models.`,
    );
    await page.close();
  });

  it("shows the filter state: selected links, caption, live counts, and Back undoes a click", async () => {
    const page = await openPage("");
    const stage = (value: string) => page.locator(`nav[data-filters] a[data-facet="stage"][data-value="${value}"]`);
    const allStages = page.locator('nav[data-filters] a[data-facet="stage"][data-value=""]');
    const weight = (link: ReturnType<typeof stage>) => link.evaluate((element) => getComputedStyle(element).fontWeight);
    await expect(weight(allStages)).resolves.toBe("700");
    await expect(weight(stage("proposed"))).resolves.toBe("400");
    const proposed = await page.locator('table[data-catalogue] tbody tr[data-stage="proposed"]').count();
    expect(proposed).toBeGreaterThan(1);
    await stage("proposed").click();
    expect(new URL(page.url()).search).toBe("?stage=proposed");
    await expect(stage("proposed").getAttribute("aria-current")).resolves.toBe("true");
    await expect(weight(stage("proposed"))).resolves.toBe("700");
    await expect(weight(allStages)).resolves.toBe("400");
    await expect(page.locator("table[data-catalogue] caption").textContent()).resolves.toBe(
      "Models with stage proposed",
    );
    // Another facet's counts now count only proposed models.
    const ownerCounts = await page
      .locator('nav[data-filters] a[data-facet="owner"] [data-count]')
      .allTextContents()
      .then((counts) => counts.map((count) => Number(count.replace(/\D/g, ""))));
    expect(ownerCounts[0]).toBe(proposed);
    const visibleOwners = await page
      .locator("table[data-catalogue] tbody tr:not([hidden])")
      .evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.owner ?? ""));
    const ecology = visibleOwners.filter((owners) => owners.split(" ").includes("almanac-ecology")).length;
    await expect(
      page.locator('nav[data-filters] a[data-facet="owner"][data-value="almanac-ecology"] [data-count]').textContent(),
    ).resolves.toBe(`(${ecology})`);
    await page.locator('nav[data-filters] a[data-facet="task"][data-value="regression"]').click();
    expect(new URL(page.url()).search).toBe("?stage=proposed&task=regression");
    await page.goBack();
    expect(new URL(page.url()).search).toBe("?stage=proposed");
    await expect(page.locator("[data-status]").textContent()).resolves.toBe(
      `Showing ${proposed} of ${modelCount} models.`,
    );
    await expect(
      page.locator('nav[data-filters] a[data-facet="task"][aria-current]').getAttribute("data-value"),
    ).resolves.toBe("");
    await page.goBack();
    expect(new URL(page.url()).search).toBe("");
    await expect(page.locator("table[data-catalogue] tbody tr:not([hidden])").count()).resolves.toBe(modelCount);
    await expect(page.locator("table[data-catalogue] caption").textContent()).resolves.toBe("All models");
    await page.close();
  });

  it("reads filter values whatever their case, and an empty result offers to clear the filters", async () => {
    const page = await openPage("?stage=Production");
    await expect(
      page.locator("table[data-catalogue] tbody tr:not([hidden]) td.name a").allTextContents(),
    ).resolves.toEqual(["Seattle rain-day classifier"]);
    await expect(
      page.locator('nav[data-filters] a[data-facet="stage"][data-value="production"]').getAttribute("aria-current"),
    ).resolves.toBe("true");
    await expect(page.locator("[data-no-match]").isVisible()).resolves.toBe(false);
    await page.locator('nav[data-filters] a[data-facet="task"][data-value="regression"]').click();
    await expect(page.locator("[data-status]").textContent()).resolves.toBe(`Showing 0 of ${modelCount} models.`);
    const clear = page.getByRole("link", { name: "Clear filters" });
    await expect(clear.isVisible()).resolves.toBe(true);
    await clear.click();
    expect(new URL(page.url()).search).toBe("");
    await expect(page.locator("table[data-catalogue] tbody tr:not([hidden])").count()).resolves.toBe(modelCount);
    await expect(page.locator("[data-no-match]").isVisible()).resolves.toBe(false);
    await page.close();
  });

  it("filters without JavaScript through a static page per facet value", async () => {
    const noScript = await launchBrowser({ javaScriptEnabled: false });
    try {
      const page = await noScript.newPage();
      await page.goto(url(""));
      await page.locator('nav[data-filters] a[data-facet="stage"][data-value="production"]').click();
      expect(page.url()).toBe(url("filter/stage/production/"));
      const names = page.locator("table[data-catalogue] tbody tr td.name a");
      await expect(names.allTextContents()).resolves.toEqual(["Seattle rain-day classifier"]);
      await expect(page.locator("h1").textContent()).resolves.toContain("Stage: production");
      await page.goto(url("search/"));
      // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, spaces included, is what is checked
      await expect(page.locator("main .notice").innerText()).resolves.toBe(
        "Full-text search runs in the browser and needs JavaScript. Without it, browse the models by stage, task, owner or drift, or the datasets.",
      );
    } finally {
      await noScript.close();
    }
  });

  it("searches the cards with Pagefind from the header form", async () => {
    const page = await openPage("");
    await page.locator("#site-search").fill("penguins");
    await page.locator("#site-search").press("Enter");
    await page.waitForURL(/\/almanac\/search\/\?q=penguins$/);
    const results = page.locator("#search-results li a");
    await results.first().waitFor();
    const hrefs = await results.evaluateAll((links) =>
      links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
    );
    expect(hrefs).toContain("/almanac/models/penguin-species/");
    expect(hrefs).toContain("/almanac/datasets/penguins/");
    await expect(page.locator("#search-status").textContent()).resolves.toMatch(/^\d+ results? for “penguins”\.$/);
    const kinds = await page
      .locator("#search-results li")
      .evaluateAll((items) =>
        items.map((item) => [
          new URL((item.querySelector("a") as HTMLAnchorElement).href).pathname.split("/")[2],
          item.querySelector(".kind")?.textContent,
        ]),
      );
    expect(kinds.length).toBeGreaterThan(1);
    for (const [section, kind] of kinds) expect(kind).toBe(section === "models" ? "model" : "dataset");
    await page.close();
  });

  it("shows readable search excerpts (words apart, no table cells) that fit a phone", async () => {
    const page = await openPage("search/?q=rain");
    await page.setViewportSize({ width: 390, height: 800 });
    await page.locator("#search-results li").first().waitFor();
    const excerpts = await page.locator("#search-results li p").allTextContents();
    expect(excerpts.length).toBeGreaterThan(0);
    for (const excerpt of excerpts) {
      expect(excerpt, "words run together").not.toMatch(/[a-z][A-Z][a-z]|\d[A-Z][a-z]|Version\d/);
      expect(excerpt).toContain(" ");
    }
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    await page.locator("#search-page-input").fill("nonexistentword");
    await page.waitForFunction(() =>
      document.getElementById("search-status")?.textContent?.includes("nonexistentword"),
    );
    // Tables are not indexed: the "no" of every schema's Nullable column no longer matches a made-up word.
    const matched = await page
      .locator("#search-results li a")
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(matched.filter((path) => path.includes("/datasets/") || path.includes("/car-mpg/"))).toEqual([]);
    await page.close();
  });

  it("opens a model page with its charts, each an image with a text alternative", async () => {
    const page = await openPage("");
    await page.getByRole("link", { name: "Seattle rain-day classifier", exact: true }).click();
    expect(page.url()).toBe(url("models/seattle-rain/"));
    for (const id of [
      "verdict",
      "use",
      "metrics",
      "curves",
      "trends",
      "classes",
      "timeline",
      "drift",
      "lineage",
      "card",
    ]) {
      await expect(page.locator(`#${id}`).count(), `section #${id}`).resolves.toBe(1);
    }
    const charts = page.locator("main svg[role=img]");
    expect(await charts.count()).toBeGreaterThanOrEqual(6);
    const unlabeled = await charts.evaluateAll(
      (svgs) =>
        svgs.filter(
          (svg) => !svg.getAttribute("aria-label") || !svg.querySelector("title") || !svg.querySelector("desc"),
        ).length,
    );
    expect(unlabeled).toBe(0);
    await expect(page.locator("figure.chart details table").count()).resolves.toBeGreaterThanOrEqual(5);
    const source = page.locator("dt:has-text('Source') + dd a");
    await expect(source.getAttribute("href")).resolves.toBe(`${site.repoUrl}/blob/main/models/seattle-rain/model.md`);
    await page.close();
  });

  it("opens a model page with the answers: stage, gates counted honestly, drift, last evaluation, owners, then use", async () => {
    const page = await openPage("models/seattle-rain/");
    const verdict = page.locator("section.verdict");
    const fact = (name: string) => verdict.locator(`dt:text-is("${name}") + dd`);
    await expect(fact("Stage").textContent()).resolves.toBe("production version 1.1.0");
    const gates = await page.locator("#gates tbody tr td:nth-child(2)").allTextContents();
    const counted = (word: string) => gates.filter((text) => text.includes(word)).length;
    const expected = [
      counted("passed") > 0 ? `${counted("passed")} passed` : "",
      counted("failed") > 0 ? `${counted("failed")} failed` : "",
      counted("not checked") > 0 ? `${counted("not checked")} not checked` : "",
    ].filter((part) => part !== "");
    await expect(fact("Gates").textContent()).resolves.toContain(expected.join(", "));
    await expect(page.locator("#gates caption").textContent()).resolves.toBe(`Gates: ${expected.join(", ")}`);
    await expect(page.locator("#gates").textContent()).resolves.not.toContain("--baseline");
    await expect(fact("Drift").textContent()).resolves.toContain(`report of ${latestDrift}`);
    await expect(fact("Last evaluated").textContent()).resolves.toMatch(
      /^\d{4}-\d{2}-\d{2}, version 1\.1\.0, commit [0-9a-f]{7}$/,
    );
    await expect(fact("Owners").textContent()).resolves.toBe("@almanac/forecasting, octocat");
    const order = await page.evaluate(() =>
      ["verdict", "use", "metrics"].map((id) => document.getElementById(id)?.getBoundingClientRect().top ?? -1),
    );
    expect(order[0]).toBeGreaterThan(0);
    expect(order[0]).toBeLessThan(order[1] as number);
    expect(order[1]).toBeLessThan(order[2] as number);
    await expect(page.locator("section[aria-labelledby=use] h3").allTextContents()).resolves.toEqual([
      "Intended use",
      "Limitations",
    ]);
    await expect(page.locator("section[aria-labelledby=card]").textContent()).resolves.not.toContain("Intended use");
    await expect(page.locator("main").textContent()).resolves.not.toMatch(/SMALL_SAMPLE_ROWS|monitoring\.columns\./);
    await page.close();
  });

  it("links drift reports to each other and to the model's drift section, with per-column trends", async () => {
    const page = await openPage("models/seattle-rain/");
    const trend = page.locator("table", { has: page.locator("caption", { hasText: "Per-column drift across" }) });
    await expect(trend.locator("thead a").count()).resolves.toBeGreaterThan(1);
    await expect(trend.locator("tbody th").allTextContents()).resolves.toContain("temp_max");
    await page.goto(url(`drift/seattle-rain/${latestDrift}/`));
    await expect(page.locator("nav.crumbs a", { hasText: "drift" }).getAttribute("href")).resolves.toBe(
      `${site.base}models/seattle-rain/#drift`,
    );
    await expect(page.locator("nav.pager").textContent()).resolves.toContain("Latest report");
    const previous = page.locator('nav.pager a[rel="prev"]');
    const previousDate = (await previous.textContent())?.match(/\d{4}-\d{2}-\d{2}/)?.[0];
    await previous.click();
    await expect(page.locator("h1").textContent()).resolves.toBe(
      `Drift of Seattle rain-day classifier, ${previousDate}`,
    );
    await expect(page.locator('nav.pager a[rel="next"]').textContent()).resolves.toContain(latestDrift);
    await expect(page.locator("main").textContent()).resolves.not.toMatch(/\d+ of columns/);
    await page.close();
  });

  it("draws ROC, precision–recall and calibration for a binary model and residuals for a regressor", async () => {
    const page = await openPage("models/seattle-rain/");
    const titles = (section: string) =>
      page.locator(`section[aria-labelledby=${section}] svg[role=img] > title`).allTextContents();
    await expect(titles("curves")).resolves.toEqual(["ROC curve", "Precision–recall curve", "Calibration"]);
    await expect(page.locator("#curves + p").textContent()).resolves.toMatch(
      /^From the \d+ committed predictions of the evaluated split, positive class rain\.$/,
    );
    const roc = page.locator("section[aria-labelledby=curves] svg[role=img]").first();
    await expect(roc.getAttribute("aria-label")).resolves.toMatch(/area under the curve 0\.\d+/);
    await page.goto(url("models/car-mpg/"));
    await expect(titles("curves")).resolves.toEqual(["Residuals against prediction"]);
    await page.goto(url("models/penguin-species/"));
    await expect(page.locator("#curves").count()).resolves.toBe(0);
    await page.close();
  });

  it("lists every version with its date, stage changes, author and pull request", async () => {
    const page = await openPage("models/seattle-rain/");
    const rows = page.locator("section[aria-labelledby=versions] tbody tr");
    await expect(rows.first().locator("th").textContent()).resolves.toBe("1.1.0");
    expect(await rows.count()).toBeGreaterThan(1);
    const stages = await page
      .locator('section[aria-labelledby=versions] td[data-label="Stage changes"]')
      .allTextContents();
    expect(stages.join(" ")).toMatch(/staging → production \(\d{4}-\d{2}-\d{2}\)/);
    await expect(rows.first().locator('td[data-label="Artifact"]').textContent()).resolves.toMatch(
      /^sha256:[0-9a-f]{12} [\d.]+ k?B\s*npx almanac pull seattle-rain@1\.1\.0$/,
    );
    await expect(rows.locator('td[data-label="Pull request"] a').first().getAttribute("href")).resolves.toMatch(
      /^https:\/\/github\.com\/example\/almanac\/pull\/\d+$/,
    );
    await page.close();
  });

  it("shows fairness by sensitive group with a table and a chart", async () => {
    const page = await openPage("models/penguin-species/");
    const section = page.locator("section[aria-labelledby=fairness]");
    await expect(section.locator("caption").first().textContent()).resolves.toBe("By sex");
    await expect(section.locator("svg[role=img]").first().getAttribute("aria-label")).resolves.toMatch(/ by sex\. /);
    await page.close();
  });

  it("shows a dataset's schema, profile histograms and the models trained on it", async () => {
    const page = await openPage("datasets/penguins/");
    await expect(page.locator("h1").textContent()).resolves.toBe("Palmer penguins");
    await expect(page.locator("#profile + p").textContent()).resolves.toMatch(
      /^Profile of version 1\.0\.0: 344 rows\./,
    );
    const charts = page.locator("section[aria-labelledby=profile] svg[role=img]");
    expect(await charts.count()).toBeGreaterThanOrEqual(5);
    await expect(page.locator("#models + ul a").allTextContents()).resolves.toContain("Penguin species classifier");
    const hash = page.locator("code.hash").first();
    await expect(hash.textContent()).resolves.toMatch(/^[0-9a-f]{64}$/);
    await expect(hash.evaluate((element) => getComputedStyle(element).userSelect)).resolves.toBe("all");
    await expect(
      page
        .locator('section[aria-labelledby=profile] svg[role=img]:has(title:text-is("Distribution of row_id"))')
        .count(),
    ).resolves.toBe(0);
    await page.close();
  });

  it("follows a timeline link to the drift report it names", async () => {
    const page = await openPage("models/seattle-rain/");
    const timeline = page.locator("#timeline + ol.timeline");
    const commitLink = timeline.locator("li .meta a.mono").first();
    await expect(commitLink.getAttribute("href")).resolves.toMatch(
      /^https:\/\/github\.com\/example\/almanac\/commit\/[0-9a-f]{40}$/,
    );
    await expect(timeline.locator("a[href*='/pull/']").count()).resolves.toBeGreaterThan(0);
    const driftLink = timeline.locator("a[href*='/drift/seattle-rain/']").first();
    const href = await driftLink.getAttribute("href");
    await driftLink.click();
    expect(page.url()).toBe(`${server.origin}${href}`);
    await expect(page.locator("h1").textContent()).resolves.toMatch(
      /^Drift of Seattle rain-day classifier, \d{4}-\d{2}-\d{2}$/,
    );
    expect(await page.locator("main svg[role=img]").count(), `charts on ${page.url()}`).toBeGreaterThan(0);
    await page.close();
  });

  it("shows each evaluated version's artifact in the timeline: digest, size, store and pull command", async () => {
    const evaluation = JSON.parse(await readFile(join(PROJECT_ROOT, "reports/models/car-mpg/evaluation.json"), "utf8"));
    const page = await openPage("models/car-mpg/");
    const artifact = page.locator("#timeline + ol.timeline .artifact").first();
    await expect(artifact.textContent()).resolves.toMatch(
      new RegExp(
        `^\\s*Artifact sha256:${evaluation.artifact.sha256.slice(0, 12)}…\\s+· 3\\.07 kB ·\\s+no store named\\s+· npx almanac pull car-mpg@1\\.0\\.0\\s*$`,
      ),
    );
    await expect(artifact.locator("code").first().getAttribute("title")).resolves.toBe(
      `sha256:${evaluation.artifact.sha256}`,
    );
    await page.close();
  });

  it("renders a hostile card with no script, handler, javascript: link or iframe active", async () => {
    for (const path of [`models/${PROBE_MODEL_ID}/`, "", "search/?q=probe"]) {
      const page = await openPage(path);
      await page.waitForLoadState("load");
      const flags = await page.evaluate(
        (names) => names.filter((name) => (window as unknown as Record<string, unknown>)[name] !== undefined),
        [...PROBE_FLAGS],
      );
      expect(flags, `flags set on ${path}`).toEqual([]);
      const active = await page.evaluate(() => ({
        iframes: document.querySelectorAll("iframe").length,
        handlers: document.querySelectorAll("[onerror], [onclick], [onload]").length,
        javascriptLinks: [...document.querySelectorAll("a")].filter((a) => a.href.startsWith("javascript:")).length,
        cardScripts: document.querySelectorAll("main script, .card-body script").length,
      }));
      expect(active, `active content on ${path}`).toEqual({
        iframes: 0,
        handlers: 0,
        javascriptLinks: 0,
        cardScripts: 0,
      });
      await page.close();
    }
    const page = await openPage(`models/${PROBE_MODEL_ID}/`);
    await page.getByText("A harmless-looking link").click();
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as Record<string, unknown>).__probeLink)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });

  it("fits 360, 390 and 1280 px on every page type, axe-clean, chart text at least 11 px", async () => {
    const pages = [
      "",
      "?stage=proposed",
      "filter/stage/production/",
      "models/seattle-rain/",
      "models/penguin-sex/",
      "models/car-mpg/",
      "datasets/",
      "datasets/penguins/",
      "drift/",
      `drift/seattle-rain/${latestDrift}/`,
      "search/?q=rain",
      "about/",
      "no-such-page/",
    ];
    const found: Record<string, unknown> = {};
    for (const width of [360, 390, 1280]) {
      // Not watched for console errors: the missing page answers 404, which Chromium logs as one.
      const page = await browser.newPage();
      await page.setViewportSize({ width, height: 900 });
      for (const path of pages) {
        await page.goto(url(path));
        if (path.startsWith("search/")) await page.locator("#search-results li").first().waitFor();
        const measured = await page.evaluate(() => ({
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          // Rendered size of each chart's text: its font size times the SVG's scale on screen.
          smallest: Math.min(
            ...[...document.querySelectorAll("main svg[role=img] text")].map((text) => {
              const svg = text.closest("svg") as SVGSVGElement;
              const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
              return Number.parseFloat(getComputedStyle(text).fontSize) * scale;
            }),
          ),
        }));
        if (measured.overflow > 0) found[`${width} ${path} overflow`] = measured.overflow;
        if (measured.smallest < 11) found[`${width} ${path} chart text`] = measured.smallest;
        if (width !== 360) {
          const violations = await axeViolations(page);
          if (violations.length > 0) found[`${width} ${path} axe`] = violations;
        }
      }
      await page.close();
    }
    expect(found).toEqual({});
  }, 300_000);

  it("keeps the catalogue's important columns on screen at 390 px (one labelled card per model)", async () => {
    const page = await openPage("");
    await page.setViewportSize({ width: 390, height: 900 });
    const rain = page.locator('table[data-catalogue] tbody tr:has(a[href$="/models/seattle-rain/"])');
    for (const label of ["Stage", "Primary metric", "Drift", "Last change"]) {
      const cell = rain.locator(`td[data-label="${label}"]`);
      const box = await cell.boundingBox();
      expect(box, label).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0), `${label} right edge`).toBeLessThanOrEqual(390);
      await expect(cell.isVisible()).resolves.toBe(true);
    }
    const drift = await openPage(`models/seattle-rain/`);
    await drift.setViewportSize({ width: 390, height: 900 });
    const statistic = drift.locator('#drift ~ div table.stack td[data-label="Drift"]').first();
    const box = await statistic.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await drift.close();
    await page.close();
  });

  it("has no broken internal links, and the feed and sitemap list the pages", async () => {
    const { pages, broken } = await crawlSite(server.origin, site.base, site.base);
    expect(broken).toEqual([]);
    expect(pages).toContain("/almanac/models/xss-probe/");
    expect(pages).toContain("/almanac/filter/owner/almanac-ecology/");
    const feed = await (await fetch(url("feed.xml"))).text();
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><rss version="2.0"/);
    expect(feed).toContain("<title>Seattle rain-day classifier: Stage staging → production</title>");
    expect(feed).toMatch(
      /<link>https:\/\/example\.github\.io\/almanac\/models\/seattle-rain\/#event-[0-9a-f]{12}-stage_changed<\/link>/,
    );
    const sitemap = await (await fetch(url("sitemap-0.xml"))).text();
    expect(sitemap).toContain("<loc>https://example.github.io/almanac/models/penguin-species/</loc>");
  });

  it("takes screenshots at 1280 and 390 px (UPDATE_SCREENSHOTS=1: of this repository's own catalogue, into docs/screenshots)", async () => {
    const update = process.env.UPDATE_SCREENSHOTS === "1";
    const directory = update
      ? join(PROJECT_ROOT, "docs/screenshots")
      : await mkdtemp(join(tmpdir(), "almanac-screenshots-"));
    await mkdir(directory, { recursive: true });
    // The README shows the real examples with their real git history, not the test fixture.
    let origin = `${server.origin}${site.base}`;
    let real: StaticServer | undefined;
    if (update) {
      const outDir = await mkdtemp(join(tmpdir(), "almanac-real-site-"));
      const build = await runAstroBuild(PROJECT_ROOT, outDir, { BASE_PATH: "/" });
      expect(build.code, build.output).toBe(0);
      real = await serveStatic(outDir, "/");
      origin = `${real.origin}/`;
    }
    const shots = [
      { name: "catalogue.png", path: "", width: 1280, height: undefined },
      { name: "model.png", path: "models/seattle-rain/", width: 1280, height: 2600 },
      { name: "catalogue-phone.png", path: "", width: 390, height: 2200 },
      { name: "model-phone.png", path: "models/seattle-rain/", width: 390, height: 2200 },
    ];
    try {
      for (const shot of shots) {
        const page = await browser.newPage();
        await page.setViewportSize({ width: shot.width, height: 800 });
        await page.goto(`${origin}${shot.path}`);
        await page.screenshot({
          path: join(directory, shot.name),
          fullPage: true,
          ...(shot.height ? { clip: { x: 0, y: 0, width: shot.width, height: shot.height } } : {}),
        });
        await page.close();
      }
    } finally {
      await real?.close();
    }
    for (const shot of shots) {
      const png = await readFile(join(directory, shot.name));
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect(png.readUInt32BE(16), shot.name).toBe(shot.width);
    }
  }, 240_000);

  it("logged no console errors on any page", () => {
    expect(consoleErrors).toEqual([]);
  });
});
