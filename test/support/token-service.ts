import { execFileSync } from "node:child_process";
import { createSign, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A registry token service (the distribution spec's token authentication, as GHCR and Docker Hub run
 * it): checks HTTP Basic credentials, then issues an RS256 JWT with the requested scope, signed by a
 * key whose self-signed certificate (made by openssl) the registry trusts (`rootcertbundle`).
 */
export interface TokenService {
  realm: string;
  service: string;
  issuer: string;
  certificate: string;
  /** Scopes asked for, in order, with whether the credentials were accepted. */
  requests: Array<{ scope: string; accepted: boolean }>;
  stop(): Promise<void>;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString("base64url");

export async function startTokenService(credentials: { username: string; password: string }): Promise<TokenService> {
  const dir = mkdtempSync(join(tmpdir(), "almanac-token-"));
  const key = join(dir, "key.pem");
  const certificate = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      certificate,
      "-days",
      "1",
      "-subj",
      "/CN=almanac-test-token",
    ],
    { stdio: "ignore" },
  );
  const der = readFileSync(certificate, "utf8").replace(/-----[^-]+-----|\s/g, "");
  const service = "almanac-test-registry";
  const issuer = "almanac-test-issuer";
  const requests: TokenService["requests"] = [];
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const scope = url.searchParams.get("scope") ?? "";
    const accepted = request.headers.authorization === expected && url.searchParams.get("service") === service;
    requests.push({ scope, accepted });
    if (!accepted) return void response.writeHead(401).end('{"details":"bad credentials"}');
    const [, name = "", actions = ""] = scope.split(":");
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: "JWT", alg: "RS256", x5c: [der] };
    const claims = {
      iss: issuer,
      sub: credentials.username,
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access: [{ type: "repository", name, actions: actions.split(",") }],
    };
    const unsigned = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = createSign("RSA-SHA256").update(unsigned).sign(readFileSync(key));
    response
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ token: `${unsigned}.${b64url(signature)}` }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const realm = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  return {
    realm,
    service,
    issuer,
    certificate,
    requests,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
