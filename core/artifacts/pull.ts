import { resolve } from "node:path";
import { type ResolvedVersion, resolveVersion } from "./resolve.ts";
import { storeFor } from "./store-of.ts";
import { pullInto, refOf } from "./transfer.ts";

/** The outcome of `almanac pull`. */
export interface PullResult {
  model: string;
  version: string;
  sha256: string;
  size: number;
  store: string;
  out: string;
  files: string[];
}

/**
 * `almanac pull <model>[@version] [--stage S]`: resolves the version from the committed files,
 * downloads its artifact from the store, verifies size and SHA-256 against the committed
 * evaluation, and unpacks it into `out` (new or empty). On any failure nothing is left in `out`.
 */
export async function pullVersion(options: {
  root: string;
  spec: string;
  stage?: string | undefined;
  out?: string | undefined;
  from?: string | undefined;
  env: NodeJS.ProcessEnv;
}): Promise<PullResult & { resolved: ResolvedVersion }> {
  const resolved = await resolveVersion(options.root, options.spec, { stage: options.stage });
  const ref = refOf(resolved.model, resolved.version, resolved.artifact);
  const store = await storeFor(resolved.card, { root: options.root, env: options.env, override: options.from });
  const out = resolve(options.out ?? `${ref.model}-${ref.version}`);
  const files = await pullInto(store, ref, out);
  return {
    model: ref.model,
    version: ref.version,
    sha256: ref.sha256,
    size: ref.size,
    store: store.url,
    out,
    files,
    resolved,
  };
}
