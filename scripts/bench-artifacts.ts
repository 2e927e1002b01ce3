/**
 * Artifact benchmark: prints figures, asserts nothing.
 *
 *   node scripts/bench-artifacts.ts [--gigabytes 2] [--pull-megabytes 100]
 *
 * 1. `almanac pull` (the CLI, a fresh process) of a 100 MB artifact from a local registry
 *    (Debian's docker-registry on 127.0.0.1), best and median of 3, verified and unpacked.
 * 2. A 2 GB model folder packed and hashed, pushed to the registry and pulled back (download,
 *    hash, unpack), each step in its own process so its peak RSS (getrusage maxrss) is its own.
 *
 * Data: incompressible pseudo-random bytes from a fixed seed (xorshift), written once.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packModelDir } from "../core/artifacts/pack.ts";
import { OciStore } from "../core/artifacts/stores/oci.ts";
import { parseOciUrl } from "../core/artifacts/stores/oci-client.ts";
import { pullInto } from "../core/artifacts/transfer.ts";
import type { ArtifactRecord } from "../core/schemas/artifact.ts";
import { startRegistry } from "../test/support/oci-registry.ts";

const SELF = new URL(import.meta.url).pathname;
const PROJECT = new URL("../", import.meta.url).pathname;
const MB = 1_000_000;

/** Fills a file with `bytes` pseudo-random bytes through one reused 8 MiB buffer. */
async function writeNoise(path: string, bytes: number, seed: number): Promise<void> {
  const buffer = Buffer.allocUnsafe(8 << 20);
  let state = seed >>> 0 || 1;
  const handle = await open(path, "w");
  try {
    for (let written = 0; written < bytes; ) {
      for (let i = 0; i < buffer.length; i += 4) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        buffer.writeUInt32LE(state >>> 0, i);
      }
      const length = Math.min(buffer.length, bytes - written);
      await handle.write(buffer, 0, length);
      written += length;
    }
  } finally {
    await handle.close();
  }
}

/** One step in a child process: `node bench-artifacts.ts --step <name> <json>`; returns its JSON line. */
function step(name: string, args: Record<string, unknown>): Record<string, number | string> {
  const result = spawnSync(process.execPath, [SELF, "--step", name, JSON.stringify(args)], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (result.status !== 0) throw new Error(`${name} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split("\n").at(-1) as string);
}

/** Runs inside the child: the work, then wall seconds and peak RSS in MB. */
async function runStep(name: string, args: Record<string, string | number>): Promise<void> {
  const started = performance.now();
  const extra: Record<string, unknown> = {};
  const ref = () => ({
    model: "bench",
    version: "1.0.0",
    sha256: String(args.sha256),
    size: Number(args.size),
    mediaType: "application/vnd.almanac.model.layer.v1.tar" as const,
  });
  const store = () => new OciStore(String(args.store), parseOciUrl(String(args.store))!, {});
  if (name === "pack") {
    const record: ArtifactRecord = await packModelDir(String(args.dir), String(args.out), "none");
    Object.assign(extra, { sha256: record.sha256, size: record.size });
  } else if (name === "push") {
    await store().put(ref(), String(args.file));
  } else if (name === "pull") {
    await pullInto(store(), ref(), String(args.out));
  }
  const seconds = (performance.now() - started) / 1000;
  const usage = process.resourceUsage();
  const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stdout.write(`${JSON.stringify({ seconds, cpu, rssMB: usage.maxRSS / 1024, ...extra })}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** A throwaway repository whose car-mpg model also writes `megabytes` of weights, trained and committed. */
async function pullRepo(work: string, megabytes: number): Promise<string> {
  const root = join(work, "repo");
  mkdirSync(join(root, "models"), { recursive: true });
  execFileSync("cp", ["-r", join(PROJECT, "models/car-mpg"), join(root, "models/")]);
  execFileSync("cp", ["-r", join(PROJECT, "datasets"), root]);
  execFileSync("ln", ["-s", join(PROJECT, "node_modules"), join(root, "node_modules")]);
  execFileSync("ln", ["-s", join(PROJECT, "core"), join(root, "core")]);
  writeFileSync(join(root, "package.json"), '{"name":"bench","private":true,"type":"module"}');
  await writeNoise(join(work, "weights.bin"), megabytes * MB, 7);
  const card = join(root, "models/car-mpg/model.md");
  writeFileSync(
    card,
    readFileSync(card, "utf8").replace(
      "command: node train.ts",
      `command: node train.ts && cp ${join(work, "weights.bin")} "$ALMANAC_MODEL_DIR/weights.bin"`,
    ),
  );
  const git = (...args: string[]) =>
    execFileSync("git", args, {
      cwd: root,
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_AUTHOR_NAME: "b",
        GIT_AUTHOR_EMAIL: "b@b",
        GIT_COMMITTER_NAME: "b",
        GIT_COMMITTER_EMAIL: "b@b",
      },
    });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "bench");
  execFileSync(process.execPath, [join(PROJECT, "bin/almanac.ts"), "train", "car-mpg"], { cwd: root, stdio: "ignore" });
  git("add", "-A");
  git("commit", "-qm", "trained");
  return root;
}

async function main(): Promise<void> {
  const flag = (name: string, fallback: number) => {
    const index = process.argv.indexOf(name);
    return index === -1 ? fallback : Number(process.argv[index + 1]);
  };
  const gigabytes = flag("--gigabytes", 2);
  const pullMegabytes = flag("--pull-megabytes", 100);
  const work = mkdtempSync(join(tmpdir(), "almanac-bench-artifacts-"));
  const registry = await startRegistry();
  const store = `oci://${registry.host}/bench/models`;
  try {
    console.log(
      `load average ${execFileSync("cat", ["/proc/loadavg"], { encoding: "utf8" }).split(" ").slice(0, 3).join(" ")}, node ${process.version}`,
    );

    // 1. almanac pull of a ~100 MB artifact through the CLI, from the registry.
    const root = await pullRepo(work, pullMegabytes);
    const almanac = (...args: string[]) =>
      execFileSync(process.execPath, [join(PROJECT, "bin/almanac.ts"), ...args], { cwd: root, encoding: "utf8" });
    almanac("publish", "car-mpg", "--to", store);
    const pulls: number[] = [];
    const cpus: number[] = [];
    for (let run = 0; run < 3; run++) {
      const out = join(work, `pulled-${run}`);
      // GNU time: wall seconds, user + system CPU seconds of the whole `almanac pull` process.
      const timed = spawnSync(
        "/usr/bin/time",
        [
          "-f",
          "%e %U %S",
          process.execPath,
          join(PROJECT, "bin/almanac.ts"),
          "pull",
          "car-mpg",
          "--from",
          store,
          "--out",
          out,
        ],
        { cwd: root, encoding: "utf8" },
      );
      if (timed.status !== 0) throw new Error(`almanac pull failed:\n${timed.stderr}`);
      const [wall, user, system] = (timed.stderr.trim().split("\n").at(-1) as string).split(" ").map(Number);
      pulls.push(wall as number);
      cpus.push((user as number) + (system as number));
      rmSync(out, { recursive: true, force: true });
    }
    const size = JSON.parse(readFileSync(join(root, "reports/models/car-mpg/evaluation.json"), "utf8")).artifact.size;
    console.log(
      `almanac pull, ${(size / MB).toFixed(1)} MB artifact from the local registry (CLI process, verified + unpacked): wall best ${Math.min(...pulls).toFixed(2)} s, median ${median(pulls).toFixed(2)} s; CPU (user + sys) median ${median(cpus).toFixed(2)} s`,
    );

    // 2. A 2 GB model folder: pack + hash, push, pull, each in its own process.
    const dir = join(work, "big-model");
    mkdirSync(dir);
    const parts = 8;
    for (let part = 0; part < parts; part++)
      await writeNoise(join(dir, `shard-${part}.bin`), Math.round((gigabytes * 1000 * MB) / parts), part + 1);
    const packed = join(work, "big.tar");
    const pack = step("pack", { dir, out: packed });
    const bytes = Number(pack.size);
    console.log(
      `pack + hash ${(bytes / MB).toFixed(0)} MB: ${Number(pack.seconds).toFixed(2)} s = ${(bytes / MB / Number(pack.seconds)).toFixed(0)} MB/s (CPU ${Number(pack.cpu).toFixed(1)} s), peak RSS ${Number(pack.rssMB).toFixed(0)} MB`,
    );
    const push = step("push", { store, file: packed, sha256: pack.sha256, size: bytes });
    console.log(
      `push to the registry (chunked, ${(bytes / MB).toFixed(0)} MB): ${Number(push.seconds).toFixed(2)} s = ${(bytes / MB / Number(push.seconds)).toFixed(0)} MB/s (CPU ${Number(push.cpu).toFixed(1)} s), peak RSS ${Number(push.rssMB).toFixed(0)} MB`,
    );
    const pull = step("pull", {
      store,
      file: join(work, "big-pulled.tar"),
      out: join(work, "big-out"),
      sha256: pack.sha256,
      size: bytes,
    });
    console.log(
      `pull (download, hashed while unpacked, ${(bytes / MB).toFixed(0)} MB): ${Number(pull.seconds).toFixed(2)} s = ${(bytes / MB / Number(pull.seconds)).toFixed(0)} MB/s (CPU ${Number(pull.cpu).toFixed(1)} s), peak RSS ${Number(pull.rssMB).toFixed(0)} MB`,
    );
    const copy = spawnSync("sh", ["-c", `sync; time -p cat ${packed} > /dev/null`], { encoding: "utf8" });
    console.log(
      `for scale, cat of the packed file: ${copy.stderr.match(/real ([\d.]+)/)?.[1] ?? "?"} s (page cache warm)`,
    );
  } finally {
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

const stepIndex = process.argv.indexOf("--step");
if (stepIndex !== -1)
  await runStep(process.argv[stepIndex + 1] as string, JSON.parse(process.argv[stepIndex + 2] as string));
else await main();
