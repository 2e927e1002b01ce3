import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A CNCF distribution registry (Debian's docker-registry) on 127.0.0.1, storing under a temp dir. */
export interface LocalRegistry {
  /** `127.0.0.1:<port>` */
  host: string;
  /** Where the registry keeps blobs and manifests (for tampering tests). */
  storage: string;
  /** Registry log lines, for failures. */
  log: string[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts `docker-registry serve` with a config of its own (filesystem storage in a temp dir, no
 * auth, deletes enabled) on a free port, and waits until `/v2/` answers.
 */
export async function startRegistry(
  options: {
    basicAuth?: { username: string; password: string };
    /** Token authentication against a token service (see token-service.ts). */
    tokenAuth?: { realm: string; service: string; issuer: string; certificate: string };
  } = {},
): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), "almanac-registry-"));
  const port = await freePort();
  const storage = join(dir, "storage");
  const token = options.tokenAuth;
  const auth = options.basicAuth
    ? htpasswdAuth(dir, options.basicAuth.username, options.basicAuth.password)
    : token
      ? [
          "auth:",
          `  token: { realm: "${token.realm}", service: ${token.service}, issuer: ${token.issuer}, rootcertbundle: ${token.certificate} }`,
        ]
      : [];
  writeFileSync(
    join(dir, "config.yml"),
    [
      "version: 0.1",
      "log: { level: warn, formatter: text }",
      "storage:",
      `  filesystem: { rootdirectory: ${storage} }`,
      "  delete: { enabled: true }",
      "  redirect: { disable: true }",
      `http: { addr: "127.0.0.1:${port}" }`,
      ...auth,
      "",
    ].join("\n"),
  );
  const log: string[] = [];
  const child: ChildProcess = spawn("docker-registry", ["serve", join(dir, "config.yml")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
  const host = `127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    const ok = await fetch(`http://${host}/v2/`)
      .then((response) => response.status === 200 || response.status === 401)
      .catch(() => false);
    if (ok) return { host, storage, log, stop };
    if (child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`docker-registry did not start on ${host}:\n${log.join("")}`);
}

/**
 * The registry's htpasswd auth (HTTP Basic): a bcrypt line made by Debian's python3 (crypt with
 * libxcrypt), cost 4 so each request stays cheap.
 */
function htpasswdAuth(dir: string, username: string, password: string): string[] {
  const hash = execFileSync(
    "/usr/bin/python3",
    [
      "-W",
      "ignore",
      "-c",
      "import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))",
      password,
    ],
    { encoding: "utf8" },
  ).trim();
  writeFileSync(join(dir, "htpasswd"), `${username}:${hash}\n`);
  return ["auth:", `  htpasswd: { realm: almanac-test, path: ${join(dir, "htpasswd")} }`];
}
