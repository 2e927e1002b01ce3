import { isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { usageError } from "../../util/errors.ts";
import { FileStore } from "./file.ts";
import { parseOciUrl } from "./oci-client.ts";
import type { ArtifactStore } from "./store.ts";

export type { ArtifactRef, ArtifactStore, StoredArtifact } from "./store.ts";

const STORE_FORMS = "oci://host[:port]/repository, github-release[://owner/repo] or file://path";

/**
 * Opens the store a card's `artifact.store` or `--to` names:
 * - `oci://host[:port]/repository` — any registry speaking the OCI distribution spec (GHCR with GITHUB_TOKEN);
 * - `github-release` (the repository of GITHUB_REPOSITORY) or `github-release://owner/repo` —
 *   GitHub Releases through the API at GITHUB_API_URL with GITHUB_TOKEN;
 * - `file://path` — a folder; a relative path is from the repository root.
 * Backends load on first use (octokit alone takes a few hundred milliseconds to import).
 */
export async function openStore(
  url: string,
  options: { root: string; env: NodeJS.ProcessEnv },
): Promise<ArtifactStore> {
  if (url.startsWith("oci://")) {
    const repository = parseOciUrl(url);
    if (!repository)
      throw usageError(
        `${url} is not an OCI repository`,
        "write oci://host[:port]/name with a lowercase repository name, e.g. oci://ghcr.io/my-org/models",
      );
    const { OciStore } = await import("./oci.ts");
    return new OciStore(url, repository, options.env);
  }
  if (url === "github-release" || url.startsWith("github-release://")) {
    const [{ createGitHubClient, parseRepository }, { GitHubReleaseStore }] = await Promise.all([
      import("../../github/client.ts"),
      import("./github-release.ts"),
    ]);
    const repository = parseRepository(url === "github-release" ? options.env.GITHUB_REPOSITORY : url.slice(17));
    const client = createGitHubClient({
      token: options.env.GITHUB_TOKEN,
      baseUrl: options.env.GITHUB_API_URL,
      log: (line) => process.stderr.write(`${line}\n`),
    });
    return new GitHubReleaseStore(url, client, repository);
  }
  if (url.startsWith("file://")) {
    const rest = url.slice("file://".length);
    const folder = rest.startsWith("/") ? fileURLToPath(url) : resolve(options.root, rest);
    if (!isAbsolute(folder)) throw usageError(`${url} is not a folder`, STORE_FORMS);
    return new FileStore(url, folder);
  }
  throw usageError(`unknown artifact store ${JSON.stringify(url)}`, `use ${STORE_FORMS}`);
}
