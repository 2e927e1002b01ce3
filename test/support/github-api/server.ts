import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ApiRequest, errorReply, handle, type Reply } from "./handlers.ts";
import { type OpenApi, type Operation, openApi } from "./openapi.ts";
import { BOT_LOGIN, FakeRepository, Resources } from "./state.ts";

/**
 * A fault injected into the local GitHub API: for the next `times` requests to `operationId`
 * (that `when` accepts), `before` changes the state and/or `reply` answers instead of the handler.
 */
export interface Fault {
  operationId: string;
  times?: number;
  when?: (request: ApiRequest) => boolean;
  before?: (repository: FakeRepository, request: ApiRequest) => void;
  reply?: (request: ApiRequest) => Reply;
}

/** One request as the server saw it, for assertions. */
export interface RecordedRequest {
  method: string;
  path: string;
  operationId: string;
  status: number;
  body: Record<string, unknown> | undefined;
}

/** Coerces a query or path value to the parameter's schema type before validation. */
function coerce(value: string, schema: Record<string, unknown> | undefined): unknown {
  if (schema?.type === "integer" || schema?.type === "number")
    return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (schema?.type === "boolean") return value === "true" ? true : value === "false" ? false : value;
  return value;
}

/** Every way a request departs from the published description; [] for a valid REST call. */
function validateRequest(api: OpenApi, operation: Operation, params: Record<string, string>, url: URL, raw: string) {
  const problems: string[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in === "path") {
      problems.push(...api.checkParameter(operation, parameter, coerce(params[parameter.name]!, parameter.schema)));
    }
    const value = url.searchParams.get(parameter.name);
    if (parameter.in === "query" && value !== null) {
      problems.push(...api.checkParameter(operation, parameter, coerce(value, parameter.schema)));
    }
    if (parameter.in === "query" && parameter.required && value === null)
      problems.push(`missing query ${parameter.name}`);
  }
  const known = new Set(operation.parameters.filter((p) => p.in === "query").map((p) => p.name));
  for (const key of url.searchParams.keys()) if (!known.has(key)) problems.push(`undocumented query parameter ${key}`);
  if (operation.hasBinaryBody) return { problems, body: undefined };
  if (!operation.hasJsonBody) {
    if (raw.trim() !== "") problems.push("a body was sent to an operation that takes none");
    return { problems, body: undefined };
  }
  if (raw.trim() === "") {
    if (operation.bodyRequired) problems.push("missing request body");
    return { problems, body: undefined };
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(raw);
  } catch {
    return { problems: [...problems, "request body is not JSON"], body: undefined };
  }
  problems.push(...api.checkBody(operation, body).map((p) => `body ${p}`));
  if (operation.bodyProperties && body && typeof body === "object" && !Array.isArray(body)) {
    for (const key of Object.keys(body)) {
      if (!operation.bodyProperties.includes(key)) problems.push(`body has undocumented property ${key}`);
    }
  }
  return { problems, body };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A local GitHub REST API on 127.0.0.1 that accepts only calls described by GitHub's OpenAPI
 * description (method, path template, parameters and JSON body), answers from an in-memory
 * repository with responses that are themselves checked against the documented schema, and
 * records every departure in `violations`.
 */
export class GitHubApiServer {
  readonly repository: FakeRepository;
  readonly requests: RecordedRequest[] = [];
  readonly violations: string[] = [];
  readonly faults: Fault[] = [];
  url = "";
  private readonly api = openApi();
  private readonly server = createServer((request, response) => {
    this.serve(request, response).catch((error: unknown) => {
      this.violations.push(`server error: ${(error as Error).stack}`);
      response.writeHead(500).end();
    });
  });
  private resources: Resources | undefined;

  constructor(repository = "octo-org/octo-repo") {
    this.repository = new FakeRepository(repository);
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.resources = new Resources(this.api, this.url);
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  inject(fault: Fault): this {
    this.faults.push({ times: 1, ...fault });
    return this;
  }

  /** Requests to one operation, in order. */
  calls(operationId: string): RecordedRequest[] {
    return this.requests.filter((request) => request.operationId === operationId);
  }

  /** A release asset's bytes, as GitHub's storage host serves them after the API's 302. */
  private serveDownload(response: ServerResponse, id: number): void {
    const fault = this.takeFault({ operationId: "download-asset" } as ApiRequest);
    const reply = fault?.reply?.({ operationId: "download-asset" } as ApiRequest);
    const asset = this.repository.releases.asset(id);
    if (reply) this.send(response, reply);
    else if (!asset) response.writeHead(404).end();
    else
      response
        .writeHead(200, { "content-type": "application/octet-stream", "content-length": String(asset.bytes.length) })
        .end(asset.bytes);
  }

  private send(response: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = { "x-github-request-id": "LOCAL", ...reply.headers };
    if (reply.body === undefined) {
      response.writeHead(reply.status, headers).end();
      return;
    }
    response.writeHead(reply.status, { "content-type": "application/json; charset=utf-8", ...headers });
    response.end(JSON.stringify(reply.body));
  }

  private takeFault(request: ApiRequest): Fault | undefined {
    const fault = this.faults.find(
      (f) => f.operationId === request.operationId && (f.times ?? 1) > 0 && (f.when?.(request) ?? true),
    );
    if (fault) fault.times = (fault.times ?? 1) - 1;
    return fault;
  }

  private async serve(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? "/", this.url);
    const method = incoming.method ?? "GET";
    const bytes = await readBody(incoming);
    const raw = bytes.toString("utf8");
    const download = /^\/_downloads\/(\d+)\//.exec(url.pathname);
    if (download && method === "GET") return this.serveDownload(response, Number(download[1]));
    const matched = this.api.match(method, url.pathname);
    if (!matched) {
      this.violations.push(`${method} ${url.pathname} is not an operation of the GitHub REST API`);
      return this.send(response, errorReply(404, "Not Found"));
    }
    const { operation, params } = matched;
    const where = `${method} ${url.pathname} (${operation.operationId})`;
    const auth = incoming.headers.authorization ?? "";
    if (!/^(token|bearer) \S+$/i.test(auth)) {
      this.violations.push(`${where} sent without a token`);
      return this.send(response, errorReply(401, "Requires authentication"));
    }
    const { problems, body } = validateRequest(this.api, operation, params, url, raw);
    if (problems.length > 0) {
      this.violations.push(`${where}: ${problems.join("; ")}`);
      return this.send(response, errorReply(422, "Validation Failed"));
    }
    const request: ApiRequest = {
      method,
      operationId: operation.operationId,
      params,
      query: url.searchParams,
      body,
      url,
      login: BOT_LOGIN,
      ...(operation.hasBinaryBody ? { raw: bytes } : {}),
      accept: incoming.headers.accept,
    };
    const reply = this.answer(request) ?? errorReply(501, `no local handler for ${operation.operationId}`);
    if (reply.status === 501) this.violations.push(`${where}: no local handler`);
    const shape = this.api.checkResponse(operation, reply.status, reply.body);
    if (shape.length > 0) this.violations.push(`${where} answered ${reply.status} off-spec: ${shape.join("; ")}`);
    this.requests.push({
      method,
      path: url.pathname + url.search,
      operationId: operation.operationId,
      status: reply.status,
      body,
    });
    this.send(response, reply);
  }

  private answer(request: ApiRequest): Reply | undefined {
    const context = { repository: this.repository, resources: this.resources! };
    const fault = this.takeFault(request);
    fault?.before?.(this.repository, request);
    return fault?.reply?.(request) ?? handle(request, context);
  }
}

/** Starts a local API for one repository. */
export function startGitHubApi(repository?: string): Promise<GitHubApiServer> {
  return new GitHubApiServer(repository).start();
}
