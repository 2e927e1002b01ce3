import { createReadStream } from "node:fs";
import { AlmanacError } from "../../util/errors.ts";
import { type HttpResponse, httpSend, type RequestBody } from "./http.ts";
import { authorize, type RegistryCredentials } from "./oci-auth.ts";

/** Blobs larger than this go up in chunks (PATCH with Content-Range), each streamed from the file. */
export const CHUNKED_UPLOAD_THRESHOLD = 512 * 1024 * 1024;
/** Size of one chunk of a chunked upload. */
export const UPLOAD_CHUNK_BYTES = 64 * 1024 * 1024;

/** When an upload goes in chunks, and how big each is. */
export interface UploadSizes {
  chunkThreshold: number;
  chunkBytes: number;
}

/** A repository in a registry: `oci://host[:port]/name`. */
export interface RegistryRepository {
  /** `http:` for localhost and 127.0.0.1 (as Docker treats them), `https:` otherwise. */
  origin: string;
  host: string;
  name: string;
}

/** Parses `oci://host[:port]/name/space`; undefined when it is not one. Pure. */
export function parseOciUrl(url: string): RegistryRepository | undefined {
  const match =
    /^oci:\/\/([^/]+)\/([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)$/.exec(url);
  if (!match) return undefined;
  const host = match[1] as string;
  const local = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
  return { origin: `${local ? "http" : "https"}://${host}`, host, name: match[2] as string };
}

type Body = RequestBody;

/**
 * The few calls of the OCI distribution spec Almanac needs (check, upload and fetch blobs; put
 * and get manifests), over fetch, answering auth challenges once per scope and reusing the token.
 */
export class RegistryClient {
  readonly repository: RegistryRepository;
  private readonly credentials: RegistryCredentials | undefined;
  private authorization: string | undefined;
  private readonly sizes: UploadSizes;

  constructor(
    repository: RegistryRepository,
    credentials: RegistryCredentials | undefined,
    sizes: Partial<UploadSizes> = {},
  ) {
    this.repository = repository;
    this.credentials = credentials;
    this.sizes = { chunkThreshold: CHUNKED_UPLOAD_THRESHOLD, chunkBytes: UPLOAD_CHUNK_BYTES, ...sizes };
  }

  private url(path: string): string {
    return path.startsWith("http") ? path : `${this.repository.origin}/v2/${this.repository.name}/${path}`;
  }

  /** One request; on 401 answers the challenge and retries once. A body factory makes a fresh stream per try. */
  async request(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: () => Body; push?: boolean } = {},
  ): Promise<HttpResponse> {
    const scope = `repository:${this.repository.name}:${options.push ? "pull,push" : "pull"}`;
    const send = () =>
      httpSend(
        method,
        this.url(path),
        { ...options.headers, ...(this.authorization ? { authorization: this.authorization } : {}) },
        options.body?.(),
      ).catch((error: unknown) => {
        throw new AlmanacError(`cannot reach the registry ${this.repository.origin}: ${(error as Error).message}`, {
          hint: "check the store URL and that the registry is up",
        });
      });
    let response = await send();
    if (response.status === 401) {
      response.discard();
      this.authorization = await authorize(response.header("www-authenticate"), this.credentials, scope);
      response = await send();
    }
    return response;
  }

  /** Fails with the registry's own error text (the spec's `errors` array) when the status is not expected. */
  async expect(response: HttpResponse, statuses: number[], what: string): Promise<HttpResponse> {
    if (statuses.includes(response.status)) return response;
    const text = await response.text().catch(() => "");
    let detail = text.slice(0, 300);
    try {
      const errors = (JSON.parse(text) as { errors?: Array<{ code?: string; message?: string }> }).errors ?? [];
      if (errors.length > 0) detail = errors.map((e) => `${e.code}: ${e.message}`).join("; ");
    } catch {}
    throw new AlmanacError(`${what} failed: HTTP ${response.status}${detail ? ` (${detail})` : ""}`, {
      hint:
        response.status === 403
          ? "the credentials may not push here (on GitHub: `permissions: packages: write`)"
          : "check the registry's logs",
    });
  }

  async hasBlob(digest: string, push = false): Promise<boolean> {
    const response = await this.request("HEAD", `blobs/${digest}`, { push });
    if (response.status === 404) return false;
    (await this.expect(response, [200], `checking blob ${digest}`)).discard();
    return true;
  }

  /** Uploads a blob from a file (or small bytes), streamed: monolithic up to the threshold, chunked above it. */
  async pushBlob(digest: string, size: number, source: { file: string } | { bytes: Uint8Array }): Promise<void> {
    if (await this.hasBlob(digest, true)) return;
    const started = await this.expect(
      await this.request("POST", "blobs/uploads/", { push: true, headers: { "content-length": "0" } }),
      [202],
      "starting a blob upload",
    );
    let location = this.absolute(this.drained(started).header("location"));
    const read = (start: number, end: number): Body =>
      "file" in source
        ? createReadStream(source.file, { start, end: end - 1, highWaterMark: 1 << 20 })
        : (source.bytes.subarray(start, end) as Uint8Array<ArrayBuffer>);
    if (size > this.sizes.chunkThreshold) {
      for (let start = 0; start < size; start += this.sizes.chunkBytes) {
        const end = Math.min(size, start + this.sizes.chunkBytes);
        const response = await this.request("PATCH", location, {
          push: true,
          headers: {
            "content-type": "application/octet-stream",
            "content-range": `${start}-${end - 1}`,
            "content-length": String(end - start),
          },
          body: () => read(start, end),
        });
        location = this.absolute(
          this.drained(await this.expect(response, [202], `uploading bytes ${start}-${end - 1}`)).header("location"),
        );
      }
      await this.finish(location, digest, 0, () => new Uint8Array(0));
      return;
    }
    await this.finish(location, digest, size, () => read(0, size));
  }

  private async finish(location: string, digest: string, length: number, body: () => Body): Promise<void> {
    const url = new URL(location);
    url.searchParams.set("digest", digest);
    const response = await this.request("PUT", url.toString(), {
      push: true,
      headers: { "content-type": "application/octet-stream", "content-length": String(length) },
      body,
    });
    (await this.expect(response, [201], `uploading blob ${digest}`)).discard();
  }

  /** The response, its (empty) body dropped so the connection is free again. */
  private drained(response: HttpResponse): HttpResponse {
    response.discard();
    return response;
  }

  private absolute(location: string | null): string {
    if (!location) throw new AlmanacError("the registry answered an upload without a Location header");
    return new URL(location, this.repository.origin).toString();
  }
}
