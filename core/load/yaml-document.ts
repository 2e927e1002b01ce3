import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { type Diagnostic, defineDiagnostic } from "../util/diagnostic.ts";

/** Aliases a document may expand; a "billion laughs" bomb is refused well before memory grows. */
const MAX_ALIAS_COUNT = 100;

/** A parsed YAML document that can say where each field is. */
export interface YamlDocument {
  /** The plain data, or undefined when the YAML could not be parsed. */
  data: unknown;
  /** Syntax errors (malformed YAML, duplicate keys, alias bombs). */
  diagnostics: Diagnostic[];
  /** 1-based line and column of the value (or of the key, when `key` is set) at a path. */
  locate(path: readonly PropertyKey[], options?: { key?: boolean }): { line: number; column: number };
}

/**
 * Parses YAML keeping positions. `lineOffset` is added to every line, so front matter
 * that starts on line 2 of a card reports lines of the card itself.
 */
export function parseYamlDocument(text: string, file: string, lineOffset = 0): YamlDocument {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const toPosition = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  const diagnostics: Diagnostic[] = [];
  for (const error of document.errors) {
    const { line, column } = toPosition(error.pos[0]);
    const duplicate = error.code === "DUPLICATE_KEY";
    diagnostics.push(
      defineDiagnostic({
        file,
        line,
        column,
        code: duplicate ? "yaml.duplicate-key" : "yaml.syntax",
        message: duplicate ? "duplicate key: each key may appear once" : `invalid YAML: ${firstLine(error.message)}`,
        hint: duplicate
          ? "remove or rename one of the two keys"
          : "check indentation, quoting and colons on this line (YAML needs `key: value` with spaces, not tabs)",
      }),
    );
  }
  let data: unknown;
  if (diagnostics.length === 0) {
    try {
      data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      diagnostics.push(
        defineDiagnostic({
          file,
          line: 1 + lineOffset,
          code: "yaml.alias-limit",
          message: `refused: ${firstLine((error as Error).message)}`,
          hint: `YAML aliases may expand at most ${MAX_ALIAS_COUNT} times; write the values out instead`,
        }),
      );
    }
  }
  const locate = (path: readonly PropertyKey[], options: { key?: boolean } = {}) => {
    const offset = findOffset(document.contents as Node | null, path, options.key === true);
    return toPosition(offset);
  };
  return { data, diagnostics, locate };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

/** Walks the node tree as far as the path goes and returns the best offset found. */
function findOffset(root: Node | null, path: readonly PropertyKey[], wantKey: boolean): number {
  let node: unknown = root;
  let offset = rangeStart(root);
  for (let index = 0; index < path.length; index++) {
    const segment = path[index];
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) return offset;
      const keyOffset = rangeStart(pair.key as Node);
      if (last && wantKey) return keyOffset;
      node = pair.value;
      offset = pair.value ? rangeStart(pair.value as Node) : keyOffset;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (!item) return offset;
      node = item;
      offset = rangeStart(item as Node);
    } else {
      return offset;
    }
  }
  return offset;
}

function rangeStart(node: Node | null | undefined): number {
  return node?.range?.[0] ?? 0;
}
