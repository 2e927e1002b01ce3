import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Ajv as AjvClass, ValidateFunction } from "ajv";

/**
 * GitHub's published REST API description (@octokit/openapi, api.github.com), loaded once per test
 * process, with a JSON Schema validator for request bodies, parameters and responses.
 */
const require = createRequire(import.meta.url);
const Ajv = require("ajv").default as typeof AjvClass;
const addFormats = require("ajv-formats") as (ajv: AjvClass) => void;
const SPEC_PATH = require.resolve("@octokit/openapi/generated/api.github.com.json");
const SPEC_ID = "github";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface Parameter {
  name: string;
  in: "path" | "query" | "header";
  required?: boolean;
  schema?: JsonObject;
}

export interface Operation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  parameters: Parameter[];
  hasJsonBody: boolean;
  /** Takes raw bytes (application/octet-stream), e.g. a release asset upload. */
  hasBinaryBody: boolean;
  bodyRequired: boolean;
  bodyProperties: string[] | undefined;
  responseStatuses: string[];
}

/** OpenAPI 3.0 `nullable` → JSON Schema (`type: [t, "null"]`, or `anyOf` with null), in place. */
function convertNullable(node: Json): Json {
  if (Array.isArray(node)) return node.map(convertNullable);
  if (node === null || typeof node !== "object") return node;
  for (const key of Object.keys(node)) node[key] = convertNullable(node[key]!);
  if (typeof node.nullable !== "boolean") return node;
  const nullable = node.nullable;
  delete node.nullable;
  if (!nullable) return node;
  if (typeof node.type === "string") {
    node.type = [node.type, "null"];
    if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
    return node;
  }
  return { anyOf: [node, { type: "null" }] };
}

/** JSON pointer into the spec document, as an Ajv `$ref`. */
function pointer(segments: readonly string[]): string {
  const escaped = segments.map((s) => encodeURIComponent(s.replaceAll("~", "~0").replaceAll("/", "~1")));
  return `${SPEC_ID}#/${escaped.join("/")}`;
}

export class OpenApi {
  readonly spec: JsonObject;
  readonly operations: Operation[] = [];
  readonly byId = new Map<string, Operation>();
  private readonly ajv: AjvClass;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    this.spec = convertNullable(JSON.parse(readFileSync(SPEC_PATH, "utf8"))) as JsonObject;
    this.ajv = new Ajv({ strict: false, validateSchema: false, allErrors: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema(this.spec, SPEC_ID);
    for (const [template, item] of Object.entries(this.spec.paths as JsonObject))
      this.addPath(template, item as JsonObject);
    this.operations.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  private addPath(template: string, item: JsonObject): void {
    const shared = (item.parameters as JsonObject[] | undefined) ?? [];
    for (const [method, value] of Object.entries(item)) {
      if (!["get", "post", "patch", "put", "delete"].includes(method)) continue;
      const op = value as JsonObject;
      const body = (op.requestBody as JsonObject | undefined) ?? undefined;
      const json = ((body?.content as JsonObject | undefined)?.["application/json"] as JsonObject | undefined)?.schema;
      const props = json && typeof json === "object" && !Array.isArray(json) ? json.properties : undefined;
      const segments = template.split("/").filter(Boolean);
      const operation: Operation = {
        operationId: String(op.operationId),
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "([^/]+)")}$`),
        literalSegments: segments.filter((s) => !s.startsWith("{")).length,
        parameters: [...shared, ...((op.parameters as JsonObject[] | undefined) ?? [])].map((p) =>
          this.deref(p),
        ) as unknown as Parameter[],
        hasJsonBody: json !== undefined,
        hasBinaryBody: (body?.content as JsonObject | undefined)?.["application/octet-stream"] !== undefined,
        bodyRequired: body?.required === true,
        bodyProperties: props && typeof props === "object" ? Object.keys(props) : undefined,
        responseStatuses: Object.keys(op.responses as JsonObject),
      };
      this.operations.push(operation);
      this.byId.set(operation.operationId, operation);
    }
  }

  /** Resolves a local `$ref` (one level, as parameters and examples use). */
  deref(value: Json): Json {
    if (value && typeof value === "object" && !Array.isArray(value) && typeof value.$ref === "string") {
      const path = value.$ref.replace(/^#\//, "").split("/");
      let node: Json = this.spec;
      for (const segment of path) node = (node as JsonObject)[segment.replaceAll("~1", "/").replaceAll("~0", "~")]!;
      return this.deref(node);
    }
    return value;
  }

  /** The operation a method and path name, with its path parameters; the most literal template wins. */
  match(method: string, pathname: string): { operation: Operation; params: Record<string, string> } | undefined {
    for (const operation of this.operations) {
      if (operation.method !== method) continue;
      const found = operation.pattern.exec(pathname);
      if (!found) continue;
      const names = [...operation.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
      return { operation, params };
    }
    return undefined;
  }

  private validator(key: string, segments: string[]): ValidateFunction {
    const cached = this.validators.get(key);
    if (cached) return cached;
    const validate = this.ajv.compile({ $ref: pointer(segments) });
    this.validators.set(key, validate);
    return validate;
  }

  /** Errors of a value against a schema found at a spec location; [] when valid. */
  private check(key: string, segments: string[], value: unknown): string[] {
    const validate = this.validator(key, segments);
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "(root)"} ${e.message}`);
  }

  /** Errors of a JSON request body against the operation's request schema. */
  checkBody(operation: Operation, body: unknown): string[] {
    const segments = ["paths", operation.template, operation.method.toLowerCase(), "requestBody"];
    return this.check(`${operation.operationId} body`, [...segments, "content", "application/json", "schema"], body);
  }

  /** Errors of a parameter value (already coerced) against its schema. */
  checkParameter(operation: Operation, parameter: Parameter, value: unknown): string[] {
    const key = `${operation.operationId} ${parameter.in} ${parameter.name}`;
    const validate = this.validators.get(key) ?? this.ajv.compile(parameter.schema ?? {});
    this.validators.set(key, validate);
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) => `${parameter.in} parameter ${parameter.name}: ${e.message}`);
  }

  /** Errors of a response body against the documented schema for its status (error bodies: basic-error). */
  checkResponse(operation: Operation, status: number, body: unknown): string[] {
    if (status >= 400 || !operation.responseStatuses.includes(String(status))) {
      return this.check("basic-error", ["components", "schemas", "basic-error"], body);
    }
    const method = operation.method.toLowerCase();
    const responses = (((this.spec.paths as JsonObject)[operation.template] as JsonObject)[method] as JsonObject)
      .responses as JsonObject;
    const raw = responses[String(status)] as JsonObject;
    const segments =
      typeof raw.$ref === "string"
        ? raw.$ref
            .replace(/^#\//, "")
            .split("/")
            .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
        : ["paths", operation.template, method, "responses", String(status)];
    const content = (this.deref(raw) as JsonObject).content as JsonObject | undefined;
    if (!content?.["application/json"]) return body === undefined ? [] : [`status ${status} has no documented body`];
    return this.check(
      `${operation.operationId} ${status}`,
      [...segments, "content", "application/json", "schema"],
      body,
    );
  }

  /** The documented example value of a component (e.g. `issue-comment`), deep-copied. */
  example(name: string): JsonObject {
    const example = (this.spec.components as JsonObject).examples as JsonObject;
    return structuredClone((example[name] as JsonObject).value) as JsonObject;
  }
}

let shared: OpenApi | undefined;

/** The description, parsed once per process (~0.5 s). */
export function openApi(): OpenApi {
  shared ??= new OpenApi();
  return shared;
}
