import { AlmanacError } from "../../util/errors.ts";

/** Username and password (or token) for a registry; both empty for anonymous access. */
export interface RegistryCredentials {
  username: string;
  password: string;
}

/**
 * Credentials for a registry host from the environment: ALMANAC_OCI_USERNAME and
 * ALMANAC_OCI_PASSWORD for any registry; for ghcr.io, GITHUB_TOKEN (with GITHUB_ACTOR as the user,
 * which GHCR does not check) — the token of a job with `packages: write`. Undefined: anonymous.
 */
export function credentialsFor(host: string, env: NodeJS.ProcessEnv): RegistryCredentials | undefined {
  if (env.ALMANAC_OCI_PASSWORD)
    return { username: env.ALMANAC_OCI_USERNAME ?? "almanac", password: env.ALMANAC_OCI_PASSWORD };
  if (host === "ghcr.io" && env.GITHUB_TOKEN)
    return { username: env.GITHUB_ACTOR || "almanac", password: env.GITHUB_TOKEN };
  return undefined;
}

/** A parsed `WWW-Authenticate` challenge: the scheme and its parameters (realm, service, scope). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses `Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"`. Pure. */
export function parseChallenge(header: string): Challenge | undefined {
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const pair of (match[2] ?? "").matchAll(/(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g))
    params[(pair[1] as string).toLowerCase()] = pair[2] ?? pair[3] ?? "";
  return { scheme: (match[1] as string).toLowerCase(), params };
}

function basic(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
}

/**
 * Answers a registry's 401 challenge with the Authorization header to retry with: Basic with the
 * credentials, or a Bearer token fetched from the challenge's realm (the token endpoint of the
 * distribution spec, used by GHCR, Docker Hub and others), anonymously when there are none.
 */
export async function authorize(
  challengeHeader: string | null,
  credentials: RegistryCredentials | undefined,
  scope: string,
): Promise<string> {
  const challenge = challengeHeader ? parseChallenge(challengeHeader) : undefined;
  if (challenge?.scheme === "basic") {
    if (!credentials)
      throw new AlmanacError("the registry asks for a user name and password", {
        hint: "set ALMANAC_OCI_USERNAME and ALMANAC_OCI_PASSWORD",
      });
    return basic(credentials);
  }
  if (challenge?.scheme !== "bearer" || !challenge.params.realm)
    throw new AlmanacError(`the registry refused access and sent no usable challenge (${challengeHeader ?? "none"})`);
  const url = new URL(challenge.params.realm);
  if (challenge.params.service) url.searchParams.set("service", challenge.params.service);
  // A push asks for push rights at once (the challenge of the first HEAD names only pull).
  url.searchParams.set("scope", scope.endsWith(",push") ? scope : (challenge.params.scope ?? scope));
  const response = await fetch(url, { headers: credentials ? { authorization: basic(credentials) } : {} });
  if (!response.ok)
    throw new AlmanacError(`the registry's token service ${url.origin} answered HTTP ${response.status}`, {
      hint: credentials
        ? "check the credentials (on GitHub: a job with `permissions: packages: write` and GITHUB_TOKEN)"
        : "set credentials: GITHUB_TOKEN for ghcr.io, or ALMANAC_OCI_USERNAME and ALMANAC_OCI_PASSWORD",
    });
  const body = (await response.json()) as { token?: string; access_token?: string };
  const token = body.token ?? body.access_token;
  if (!token) throw new AlmanacError(`the registry's token service ${url.origin} returned no token`);
  return `Bearer ${token}`;
}
