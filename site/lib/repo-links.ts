/** Where the repository lives on its code host, for source, commit and pull request links. */
export interface RepoLinks {
  /** e.g. `https://github.com/org/models`; undefined when not configured (links become plain text). */
  repoUrl: string | undefined;
  /** Branch or commit the source links point at. */
  ref: string;
}

/**
 * Reads the repository URL from `SITE_REPO_URL`, or from GitHub Actions'
 * `GITHUB_SERVER_URL` + `GITHUB_REPOSITORY`; the ref from `SITE_REPO_REF`, else
 * `GITHUB_SHA` (a permalink to the built commit), else `main`.
 */
export function repoLinksFromEnv(env: Record<string, string | undefined>): RepoLinks {
  const explicit = env.SITE_REPO_URL?.trim();
  const repository = env.GITHUB_REPOSITORY?.trim();
  const server = (env.GITHUB_SERVER_URL?.trim() || "https://github.com").replace(/\/+$/, "");
  const repoUrl = explicit ? explicit.replace(/\/+$/, "") : repository ? `${server}/${repository}` : undefined;
  const ref = env.SITE_REPO_REF?.trim() || env.GITHUB_SHA?.trim() || "main";
  return { repoUrl, ref };
}

/** A file in the repository at the configured ref. */
export function sourceUrl(links: RepoLinks, path: string): string | undefined {
  return links.repoUrl ? `${links.repoUrl}/blob/${links.ref}/${path}` : undefined;
}

/** A commit page. */
export function commitUrl(links: RepoLinks, sha: string): string | undefined {
  return links.repoUrl ? `${links.repoUrl}/commit/${sha}` : undefined;
}

/** A pull request page. */
export function pullRequestUrl(links: RepoLinks, pr: number): string | undefined {
  return links.repoUrl ? `${links.repoUrl}/pull/${pr}` : undefined;
}
