import { isMap, isPair, isScalar, parseDocument, Scalar } from "yaml";

/** The result of editing the stage of a card's text. */
export interface StageEdit {
  /** The whole file with only the stage value replaced. */
  text: string;
  /** 1-based line of the stage value in the file. */
  line: number;
  /** That line before and after. */
  before: string;
  after: string;
}

const FENCE = /^---[ \t]*$/;

/**
 * Replaces the value of the top-level `stage:` key in a card's front matter by a positioned
 * text edit: the YAML is parsed (CST ranges) only to find the value's exact character range,
 * and only those characters change. Comments, key order, quoting style, CRLF line endings,
 * a byte order mark and the body stay byte-for-byte. Throws an Error when there is no
 * top-level scalar `stage`. Pure.
 */
export function setStage(text: string, stage: string): StageEdit {
  const { start, end } = frontMatterRange(text);
  const document = parseDocument(text.slice(start, end), { keepSourceTokens: true });
  if (document.errors.length > 0) throw new Error(`the front matter is not valid YAML: ${document.errors[0]?.message}`);
  const contents = document.contents;
  if (!isMap(contents)) throw new Error("the front matter is not a mapping");
  const pair = contents.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === "stage");
  const value = pair?.value;
  if (!isScalar(value) || !value.range) throw new Error("the front matter has no `stage:` value to change");
  const [from, to] = [start + value.range[0], start + value.range[1]];
  const replacement = quoted(stage, value.type);
  const edited = text.slice(0, from) + replacement + text.slice(to);
  const line = text.slice(0, from).split("\n").length;
  return { text: edited, line, before: lineAt(text, line), after: lineAt(edited, line) };
}

/** The character range of the YAML between the two `---` fences of the original text. Pure. */
export function frontMatterRange(text: string): { start: number; end: number } {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines = text.slice(bom).split("\n");
  if (!FENCE.test((lines[0] ?? "").replace(/\r$/, "")))
    throw new Error("the card does not start with `---` front matter");
  let offset = bom + (lines[0] ?? "").length + 1;
  const start = offset;
  for (let index = 1; index < lines.length; index++) {
    const line = lines[index] as string;
    if (FENCE.test(line.replace(/\r$/, ""))) return { start, end: offset };
    offset += line.length + 1;
  }
  throw new Error("the front matter is not closed by a `---` line");
}

function quoted(value: string, type: Scalar["type"]): string {
  if (type === Scalar.QUOTE_DOUBLE) return JSON.stringify(value);
  if (type === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  return value;
}

function lineAt(text: string, line: number): string {
  return (text.split("\n")[line - 1] ?? "").replace(/\r$/, "");
}

/** A unified diff of a one-line edit, as `git diff` prints it. Pure. */
export function unifiedLineDiff(file: string, edit: StageEdit): string {
  return [
    `--- a/${file}`,
    `+++ b/${file}`,
    `@@ -${edit.line} +${edit.line} @@`,
    `-${edit.before}`,
    `+${edit.after}`,
  ].join("\n");
}
