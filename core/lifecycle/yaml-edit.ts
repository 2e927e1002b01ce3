import { isMap, isScalar, isSeq, parseDocument, Scalar } from "yaml";
import { frontMatterRange } from "./stage-edit.ts";

/** A scalar to replace: its path in the YAML and the new value (the old quoting style is kept). */
export interface ScalarEdit {
  path: readonly (string | number)[];
  value: string;
}

/** A range of characters of a file that holds one YAML document. */
export interface YamlRange {
  start: number;
  end: number;
}

function parseRange(text: string, range: YamlRange) {
  const document = parseDocument(text.slice(range.start, range.end), { keepSourceTokens: true });
  if (document.errors.length > 0) throw new Error(`not valid YAML: ${document.errors[0]?.message}`);
  return document;
}

/**
 * Replaces scalar values at the given paths by positioned text edits, as `setStage` does: only
 * the characters of each value change; comments, key order, quoting, line endings and the rest
 * of the file stay byte for byte. Throws naming the path when a value is missing or not a scalar.
 * Pure.
 */
export function editYamlScalars(text: string, range: YamlRange, edits: readonly ScalarEdit[]): string {
  const document = parseRange(text, range);
  const spans = edits.map((edit) => {
    const node = document.getIn(edit.path, true);
    if (!isScalar(node) || !node.range) throw new Error(`${edit.path.join(".")} is not a value that can be changed`);
    return { from: range.start + node.range[0], to: range.start + node.range[1], value: quoted(edit.value, node.type) };
  });
  let out = text;
  for (const span of spans.sort((a, b) => b.from - a.from))
    out = out.slice(0, span.from) + span.value + out.slice(span.to);
  return out;
}

/** {@link editYamlScalars} on the front matter of a model card. Pure. */
export function editFrontMatterScalars(text: string, edits: readonly ScalarEdit[]): string {
  return editYamlScalars(text, frontMatterRange(text), edits);
}

/** The whole text as one YAML range (a manifest), after a byte order mark. */
export function wholeRange(text: string): YamlRange {
  return { start: text.charCodeAt(0) === 0xfeff ? 1 : 0, end: text.length };
}

/**
 * Appends mappings to a block sequence (e.g. a manifest's `files:`), each written as
 * `<indent>- key: value` lines in the sequence's own indentation, right after its last item; the
 * rest of the file is untouched. Values are written as given (plain scalars). Throws for a flow
 * sequence (`files: [...]`) or a missing key. Pure.
 */
export function appendToBlockSequence(
  text: string,
  range: YamlRange,
  path: readonly string[],
  entries: readonly (readonly [string, string | number][])[],
): string {
  const document = parseRange(text, range);
  const node = document.getIn(path, true);
  if (!isSeq(node) || node.flow || node.items.length === 0)
    throw new Error(`${path.join(".")} is not a block list with at least one item`);
  const last = node.items.at(-1);
  const first = node.items[0];
  if (!isMap(last) || !last.range || !isMap(first) || !first.range)
    throw new Error(`${path.join(".")} does not hold mappings`);
  const firstStart = range.start + first.range[0];
  const lineStart = text.lastIndexOf("\n", firstStart - 1) + 1;
  const dash = text.slice(lineStart, firstStart);
  if (!/^\s*-\s+$/.test(dash)) throw new Error(`${path.join(".")}: cannot read the list's indentation`);
  const inner = " ".repeat(dash.length);
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const lastEnd = range.start + last.range[1];
  const endOfLine = text.indexOf("\n", lastEnd - 1);
  const insertAt = endOfLine === -1 ? text.length : endOfLine + 1;
  const lines = entries.flatMap((entry) =>
    entry.map(([key, value], index) => `${index === 0 ? dash : inner}${key}: ${value}${newline}`),
  );
  const prefix = endOfLine === -1 ? newline : "";
  return text.slice(0, insertAt) + prefix + lines.join("") + text.slice(insertAt);
}

function quoted(value: string, type: Scalar["type"]): string {
  if (type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  return value;
}
