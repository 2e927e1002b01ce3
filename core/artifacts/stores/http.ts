import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/** Redirects followed for GET and HEAD (a registry may send blobs from a CDN on another host). */
const MAX_REDIRECTS = 5;

/**
 * Agents without keep-alive: Node's global agents keep idle sockets open, which keeps a CLI
 * process alive after its work is done; a registry call or two per command gains nothing from reuse.
 */
const AGENTS = { http: new HttpAgent({ keepAlive: false }), https: new HttpsAgent({ keepAlive: false }) };

/** A request body: bytes, or a stream made afresh for each attempt. */
export type RequestBody = string | Uint8Array | Readable;

/** An HTTP answer with its body still streaming. */
export class HttpResponse {
  readonly status: number;
  readonly body: IncomingMessage;

  constructor(message: IncomingMessage) {
    this.status = message.statusCode ?? 0;
    this.body = message;
  }

  header(name: string): string | null {
    const value = this.body.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }

  async bytes(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async text(): Promise<string> {
    return (await this.bytes()).toString("utf8");
  }

  /** Drops an unread body. */
  discard(): void {
    this.body.resume();
  }
}

function once(method: string, url: URL, headers: Record<string, string>, body: RequestBody | undefined) {
  return new Promise<HttpResponse>((resolve, reject) => {
    const secure = url.protocol === "https:";
    const send = secure ? httpsRequest : httpRequest;
    const agent = secure ? AGENTS.https : AGENTS.http;
    const request = send(url, { method, headers, agent }, (message) => resolve(new HttpResponse(message)));
    request.on("error", reject);
    if (body === undefined) request.end();
    else if (typeof body === "string" || body instanceof Uint8Array) request.end(body);
    // node:http streams with backpressure: memory stays flat however large the body (fetch buffered it).
    else pipeline(body, request).catch(reject);
  });
}

/**
 * One HTTP request over node:http(s), the body streamed with backpressure. GET and HEAD follow
 * redirects, dropping the Authorization header when the origin changes (as browsers and fetch do).
 */
export async function httpSend(
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: RequestBody,
): Promise<HttpResponse> {
  let target = new URL(url);
  let sendHeaders = headers;
  for (let hop = 0; ; hop++) {
    const response = await once(method, target, sendHeaders, body);
    const location = response.header("location");
    const redirect = [301, 302, 303, 307, 308].includes(response.status) && location;
    if (!redirect || !(method === "GET" || method === "HEAD") || hop >= MAX_REDIRECTS) return response;
    response.discard();
    const next = new URL(location, target);
    if (next.origin !== target.origin) {
      const { authorization: _dropped, ...rest } = sendHeaders;
      sendHeaders = rest;
    }
    target = next;
  }
}
