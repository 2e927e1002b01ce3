import { parse, View } from "vega";
import { compile } from "vega-lite";
import { afterAll, describe, expect, it } from "vitest";
import { residualChart } from "../../core/charts/curve-charts.ts";
import { distributionChart } from "../../core/charts/distribution.ts";
import { disposeChartViews, renderChartSvg, renderStats, useChartWorkers } from "../../core/charts/render.ts";
import { sparklineChart } from "../../core/charts/sparkline.ts";
import { compactSvg, labelSvg } from "../../core/charts/svg.ts";

async function renderFresh(chart: ReturnType<typeof distributionChart>): Promise<string> {
  const spec = { ...chart.spec, data: { values: chart.values.map((row) => ({ ...row })) } };
  const view = new View(parse(compile(spec as never).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return labelSvg(compactSvg(svg), chart.title, chart.description);
}

const histogram = (labels: string[], shift: number) =>
  distributionChart({
    column: "x",
    labels,
    series: { reference: labels.map(() => 1 / labels.length), current: labels.map((_, i) => (i === 0 ? shift : 0.1)) },
  });

afterAll(() => disposeChartViews());

/** The drawing of an SVG: its size and the multiset of its elements (order-free, as painting is for disjoint marks). */
function drawing(svg: string): { root: string; elements: string[] } {
  const elements = svg.match(/<[^/][^>]*>/g) ?? [];
  return { root: elements[0] ?? "", elements: elements.slice(1).sort() };
}

describe("renderChartSvg", () => {
  it("renders an accessible SVG image with title, description and no script", async () => {
    const svg = await renderChartSvg(
      sparklineChart("Accuracy", [
        { version: "1.0.0", value: 0.5 },
        { version: "2.0.0", value: 0.7 },
      ]),
    );
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-label="Accuracy across versions\. Accuracy across 2 versions: 0\.5 \(1\.0\.0\) to 0\.7 \(2\.0\.0\)\."/,
    );
    expect(svg).toContain(
      "<title>Accuracy across versions</title><desc>Accuracy across 2 versions: 0.5 (1.0.0) to 0.7 (2.0.0).</desc>",
    );
    expect(svg).not.toMatch(/<script|on[a-z]+=/i);
    expect(svg).toMatch(/<\/svg>$/);
  });

  it("reuses one compiled view per chart shape and draws what a fresh view draws", async () => {
    const compiledBefore = renderStats.compiled;
    const first = histogram(["x", "y"], 0.1);
    const second = histogram(["p", "q", "r"], 0.2);
    const reused = [await renderChartSvg(first), await renderChartSvg(second)];
    expect(renderStats.compiled - compiledBefore).toBe(1);
    expect(reused.map(drawing)).toEqual([drawing(await renderFresh(first)), drawing(await renderFresh(second))]);
    expect(reused[1]).toContain(">r</text>");
  });

  it("renders a chart drawn twice once", async () => {
    const chart = histogram(["z"], 0.05);
    const svg = await renderChartSvg(chart);
    const reusedBefore = renderStats.reused;
    expect(await renderChartSvg(histogram(["z"], 0.05))).toBe(svg);
    expect(renderStats.reused).toBe(reusedBefore + 1);
  });

  it("keeps concurrent renders on one view apart", async () => {
    const charts = [0.01, 0.02, 0.03, 0.04].map((shift) => histogram(["u", "v"], shift));
    const parallel = await Promise.all(charts.map((chart) => renderChartSvg(chart)));
    const sequential = await Promise.all(charts.map((chart) => renderFresh(chart)));
    expect(parallel.map(drawing)).toEqual(sequential.map(drawing));
  });
});

describe("compactSvg", () => {
  it("drops Vega's default and interaction attributes, empty shapes and long decimals", () => {
    const input =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" class="marks" width="10" height="10">' +
      '<g class="mark-group role-axis" aria-hidden="true" role="graphics-object" aria-roledescription="axis">' +
      '<path class="background" aria-hidden="true" d="M0,0h0v0h0Z" pointer-events="none"/>' +
      '<line transform="translate(0,78.77777777777779)" x2="200" y2="0" stroke="#ddd" stroke-width="1" opacity="1"/>' +
      '<g transform="translate(0,0)"><rect width="3.14159" height="2"/></g>' +
      '<text font-family="sans-serif" font-size="10px">0.123456</text><g></g></g></svg>';
    expect(compactSvg(input)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><g>' +
        '<line transform="translate(0,78.78)" x2="200" stroke="#ddd"/><g><rect width="3.14" height="2"/></g>' +
        '<text font-size="10px">0.123456</text></g></svg>',
    );
  });

  it("escapes the title and description", () => {
    expect(labelSvg('<svg width="1">', 'A <b> & "c"', "d")).toContain(
      'aria-label="A &lt;b&gt; &amp; &quot;c&quot;. d"',
    );
  });
});

describe("rendering on worker threads", () => {
  it("draws the same SVGs as the calling thread, in parallel", async () => {
    const charts = [0.11, 0.12, 0.13, 0.14, 0.15, 0.16].map((shift) => histogram(["a", "b", "c"], shift));
    const local = await Promise.all(charts.map((chart) => renderFresh(chart)));
    await useChartWorkers(new URL("../../core/charts/render-worker.ts", import.meta.url).pathname, 2);
    try {
      const before = renderStats.rendered;
      const threaded = await Promise.all(charts.map((chart) => renderChartSvg(chart)));
      expect(threaded.map(drawing)).toEqual(local.map(drawing));
      expect(renderStats.rendered - before).toBe(charts.length);
    } finally {
      await useChartWorkers("", 0);
    }
  });
});

describe("distribution axis labels", () => {
  it("labels interval bins by their lower edge to three digits, at 11 px, and keeps category labels", async () => {
    const svg = await renderChartSvg(histogram(["[-1.1, 1.95833)", "[1.95833, 5.01667)", "[5.01667, 8.075]"], 0.5));
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
    expect(labels).toEqual(expect.arrayContaining(["−1.1", "1.96", "5.02", "Bins by lower edge"]));
    expect(labels.filter((label) => label?.includes("1.95833"))).toEqual([]);
    expect(
      [...svg.matchAll(/font-size="([\d.]+)px"/g)].map((match) => Number(match[1])).every((size) => size >= 11),
    ).toBe(true);
    const categories = await renderChartSvg(histogram(["sun", "rain"], 0.5));
    expect([...categories.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1])).toEqual(
      expect.arrayContaining(["sun", "rain"]),
    );
  });
});

describe("curve charts on the page", () => {
  it("draws one zero line under the residuals, not one per point, and one small square per point", async () => {
    const points = Array.from({ length: 50 }, (_, i) => [i, (i % 5) - 2] as [number, number]);
    const svg = await renderChartSvg(residualChart(points, 50));
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(1);
    expect(svg.match(/opacity="0\.7"/g)).toHaveLength(50);
    expect(svg.length).toBeLessThan(12_000);
  });
});
