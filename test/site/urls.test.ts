import { describe, expect, it } from "vitest";
import { commitUrl, pullRequestUrl, repoLinksFromEnv, sourceUrl } from "../../site/lib/repo-links.ts";
import { fileUrl, pageUrl, routes, slugify } from "../../site/lib/urls.ts";

describe("pageUrl and routes", () => {
  it("prefix every page with the base path and end in a slash", () => {
    expect(routes.catalogue("/")).toBe("/");
    expect(routes.model("/almanac/", "churn")).toBe("/almanac/models/churn/");
    expect(routes.drift("/almanac/", "churn", "2026-01-31")).toBe("/almanac/drift/churn/2026-01-31/");
    expect(routes.filter("/almanac", "owner", "almanac-risk")).toBe("/almanac/filter/owner/almanac-risk/");
    expect(routes.feed("/almanac/")).toBe("/almanac/feed.xml");
    expect(fileUrl("/x", "pagefind/pagefind.js")).toBe("/x/pagefind/pagefind.js");
  });

  it("encodes each segment", () => {
    expect(pageUrl("/", "models", "a b/c")).toBe("/models/a%20b%2Fc/");
  });
});

describe("slugify", () => {
  it("turns owners into URL-safe slugs", () => {
    expect(slugify("@almanac/Ecology")).toBe("almanac-ecology");
    expect(slugify("Zoë Ångström")).toBe("zoe-angstrom");
    expect(slugify("@@@")).toBe("none");
  });
});

describe("repository links", () => {
  it("come from SITE_REPO_URL, or from GitHub Actions' variables, else are absent", () => {
    expect(repoLinksFromEnv({ SITE_REPO_URL: "https://git.example/o/r/", SITE_REPO_REF: "v1" })).toEqual({
      repoUrl: "https://git.example/o/r",
      ref: "v1",
    });
    expect(repoLinksFromEnv({ GITHUB_REPOSITORY: "o/r", GITHUB_SHA: "abc123" })).toEqual({
      repoUrl: "https://github.com/o/r",
      ref: "abc123",
    });
    expect(repoLinksFromEnv({})).toEqual({ repoUrl: undefined, ref: "main" });
  });

  it("build source, commit and pull request URLs only when the repository is known", () => {
    const links = { repoUrl: "https://github.com/o/r", ref: "main" };
    expect(sourceUrl(links, "models/m/model.md")).toBe("https://github.com/o/r/blob/main/models/m/model.md");
    expect(commitUrl(links, "f".repeat(40))).toBe(`https://github.com/o/r/commit/${"f".repeat(40)}`);
    expect(pullRequestUrl(links, 12)).toBe("https://github.com/o/r/pull/12");
    expect(sourceUrl({ repoUrl: undefined, ref: "main" }, "x")).toBeUndefined();
  });
});
