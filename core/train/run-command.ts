import { spawn } from "node:child_process";

/** Lines of stderr kept to show when the command fails. */
export const STDERR_TAIL_LINES = 20;
/** After SIGTERM, the process group gets this long before SIGKILL. */
export const KILL_GRACE_MS = 3000;

/** How a command ended. */
export interface CommandOutcome {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
  /** The last {@link STDERR_TAIL_LINES} lines of stderr. */
  stderrTail: string[];
}

/** What to run and where its output goes. */
export interface CommandOptions {
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  onStdout: (line: string) => void;
  onStderr: (line: string) => void;
}

/**
 * Runs a shell command in its own process group, streams its output line by line, and on
 * timeout stops the whole group (SIGTERM, then SIGKILL after {@link KILL_GRACE_MS}), so a
 * training script's child processes cannot outlive it. Leftover processes of the group are
 * also stopped when the command exits.
 */
export function runCommand(options: CommandOptions): Promise<CommandOutcome> {
  const started = performance.now();
  const tail: string[] = [];
  const child = spawn("/bin/sh", ["-c", options.command], {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // The group is already gone.
    }
  };
  splitLines(child.stdout, options.onStdout);
  splitLines(child.stderr, (line) => {
    tail.push(line);
    if (tail.length > STDERR_TAIL_LINES) tail.shift();
    options.onStderr(line);
  });
  let timedOut = false;
  let killer: NodeJS.Timeout | undefined;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup("SIGTERM");
    killer = setTimeout(() => killGroup("SIGKILL"), KILL_GRACE_MS);
  }, options.timeoutMs);
  return new Promise((resolve, reject) => {
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("exit", () => killGroup("SIGTERM"));
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      resolve({ exitCode: code, signal, timedOut, durationMs: performance.now() - started, stderrTail: tail });
    });
  });
}

function splitLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let buffer = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    buffer += chunk;
    let newline = buffer.indexOf("\n");
    while (newline >= 0) {
      onLine(buffer.slice(0, newline).replace(/\r$/, ""));
      buffer = buffer.slice(newline + 1);
      newline = buffer.indexOf("\n");
    }
  });
  stream.on("end", () => {
    if (buffer !== "") onLine(buffer);
  });
}
