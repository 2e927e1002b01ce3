import type { z } from "zod";
import { type Diagnostic, defineDiagnostic, truncate } from "../util/diagnostic.ts";
import { didYouMean } from "../util/suggest.ts";
import type { YamlDocument } from "./yaml-document.ts";

/** Validates data against a schema and maps every issue to a positioned diagnostic. */
export function validateWithSchema<T extends z.ZodType>(
  schema: T,
  document: YamlDocument,
  file: string,
  example: string,
): { value: z.infer<T> | undefined; diagnostics: Diagnostic[] } {
  const result = schema.safeParse(document.data, { reportInput: true });
  if (result.success) return { value: result.data, diagnostics: [] };
  const diagnostics = result.error.issues.flatMap((issue) =>
    issueToDiagnostics(issue, schema, document, file, example),
  );
  return { value: undefined, diagnostics };
}

function issueToDiagnostics(
  issue: z.core.$ZodIssue,
  schema: z.ZodType,
  document: YamlDocument,
  file: string,
  example: string,
): Diagnostic[] {
  const path = issue.path;
  const field = formatPath(path);
  if (issue.code === "unrecognized_keys") {
    const known = knownKeys(schema, path);
    return issue.keys.map((key) => {
      const { line, column } = document.locate([...path, key], { key: true });
      return defineDiagnostic({
        file,
        line,
        column,
        field: formatPath([...path, key]),
        code: "schema.unknown-key",
        message: `unknown key "${key}"`,
        hint: known.length > 0 ? `${didYouMean(key, known)} Remove the key or fix its spelling.` : "remove the key",
      });
    });
  }
  const { line, column } = document.locate(path);
  const input = (issue as { input?: unknown }).input;
  if (issue.code === "invalid_type") {
    const missing = input === undefined;
    return [
      defineDiagnostic({
        file,
        line,
        column,
        field,
        code: missing ? "schema.missing" : "schema.type",
        message: missing
          ? `required field missing: expected ${issue.expected}`
          : `expected ${issue.expected}, received ${describe(input)}`,
        hint: missing
          ? `add \`${String(path.at(-1) ?? field)}:\` — ${example}`
          : issue.expected === "string" && typeof input === "number"
            ? "put the value in quotes, as meant (YAML reads an unquoted 3.10 as the number 3.1)"
            : `change the value to a ${issue.expected}`,
      }),
    ];
  }
  if (issue.code === "invalid_value") {
    const options = issue.values.map((value) => String(value));
    if (input === undefined) {
      return [
        defineDiagnostic({
          file,
          line,
          column,
          field,
          code: "schema.missing",
          message: `required field missing: expected one of ${options.join(", ")}`,
          hint: `add \`${String(path.at(-1) ?? field)}:\` with one of: ${options.join(", ")}`,
        }),
      ];
    }
    return [
      defineDiagnostic({
        file,
        line,
        column,
        field,
        code: "schema.value",
        message: `expected one of ${options.map((option) => JSON.stringify(option)).join(", ")}, received ${describe(input)}`,
        hint: typeof input === "string" ? didYouMean(input, options) : `use one of: ${options.join(", ")}`,
      }),
    ];
  }
  return [
    defineDiagnostic({
      file,
      line,
      column,
      field,
      code: "schema.invalid",
      message: input === undefined ? issue.message : `${issue.message}, received ${describe(input)}`,
      hint: example,
    }),
  ];
}

/** `evaluation.gates.f1.min`, `files[0].sha256`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `${typeof value} ${truncate(value)}`;
}

/** The keys an object schema accepts at a path, for "did you mean" hints. */
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: unknown = schema;
  for (const segment of path) {
    current = unwrap(current);
    const def = (
      current as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown; valueType?: unknown } }
    ).def;
    if (!def) return [];
    if (def.type === "object" && def.shape) current = def.shape[String(segment)];
    else if (def.type === "array") current = def.element;
    else if (def.type === "record") current = def.valueType;
    else return [];
  }
  const shape = (unwrap(current) as { def?: { shape?: Record<string, unknown> } }).def?.shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as { def?: { type?: string; innerType?: unknown; in?: unknown; schema?: unknown } } | undefined;
  for (let depth = 0; depth < 10 && current?.def; depth++) {
    const def = current.def;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault")
      current = def.innerType as typeof current;
    else if (def.type === "pipe") current = def.in as typeof current;
    else break;
  }
  return current;
}
