/** The lifecycle fields of a card's front matter, read without a YAML parser. */
export interface FastCardFields {
  version: string;
  stage: string;
  owners: string[];
  /** `<id>@<version>`, or null without a dataset block. */
  dataset: string | null;
  /** The front matter with the lifecycle lines removed, to detect other edits. */
  rest: string;
}

const TOP_KEY = /^([A-Za-z_$][\w$-]*):(?:[ \t]+(.*))?$/;
const CHILD_KEY = /^([ \t]+)([A-Za-z_$][\w$-]*):(?:[ \t]+(.*))?$/;
const LIST_ITEM = /^[ \t]+-[ \t]+(.*)$/;
const PLAIN_START = /^[^&*!|>{[@`%'"#,\]}]/;

/**
 * Reads version, stage, owners and dataset id@version from the block-style front matter
 * every Almanac card uses, by lines: about 50 times faster than a YAML parser, which is
 * what keeps `almanac history` over 20,000 commits within seconds. Returns undefined for
 * anything it does not fully understand (anchors, block scalars, flow mappings, duplicate
 * keys), and callers then fall back to the real YAML parser. Pure.
 */
export function readFastCardFields(yaml: string): FastCardFields | undefined {
  const lines = yaml.split("\n");
  const seen = new Set<string>();
  const fields: Partial<FastCardFields> = {};
  const rest: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    if (line.trim() === "" || line.startsWith("#") || /^[ \t]/.test(line)) {
      rest.push(line);
      continue;
    }
    const match = TOP_KEY.exec(line);
    if (!match) return undefined;
    const key = match[1] as string;
    const value = (match[2] ?? "").trim();
    if (seen.has(key)) return undefined;
    seen.add(key);
    const block = childLines(lines, index + 1);
    if (key === "version" || key === "stage") {
      const scalar = parseScalar(value);
      if (scalar === undefined || block.length > 0) return undefined;
      fields[key] = scalar;
    } else if (key === "owners") {
      const owners = value === "" ? blockList(block) : flowList(value);
      if (owners === undefined) return undefined;
      fields.owners = owners;
      index += block.length;
    } else if (key === "dataset") {
      const dataset = datasetBlock(value, block, rest);
      if (dataset === undefined) return undefined;
      fields.dataset = dataset;
      index += block.length;
    } else {
      rest.push(line);
    }
  }
  if (fields.version === undefined || fields.stage === undefined || fields.owners === undefined) return undefined;
  return {
    version: fields.version,
    stage: fields.stage,
    owners: fields.owners,
    dataset: fields.dataset ?? null,
    rest: rest.join("\n"),
  };
}

/** The indented (or blank/comment) lines that belong to the key before `start`. */
function childLines(lines: readonly string[], start: number): string[] {
  let end = start;
  while (end < lines.length && /^([ \t]|$|#)/.test(lines[end] as string)) end++;
  while (end > start && !/^[ \t]+\S/.test(lines[end - 1] as string)) end--;
  return lines.slice(start, end);
}

function datasetBlock(value: string, block: readonly string[], rest: string[]): string | null | undefined {
  if (value !== "" && !value.startsWith("#")) return undefined;
  let id: string | undefined;
  let version: string | undefined;
  let indent: string | undefined;
  for (const line of block) {
    const child = CHILD_KEY.exec(line);
    if (child && (indent === undefined || child[1] === indent)) {
      indent = child[1];
      if (child[2] === "id" || child[2] === "version") {
        const scalar = parseScalar((child[3] ?? "").trim());
        if (scalar === undefined) return undefined;
        if (child[2] === "id") id = scalar;
        else version = scalar;
        continue;
      }
    }
    rest.push(line);
  }
  return id === undefined || version === undefined ? undefined : `${id}@${version}`;
}

function blockList(block: readonly string[]): string[] | undefined {
  const items: string[] = [];
  for (const line of block) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const item = LIST_ITEM.exec(line);
    const scalar = item ? parseScalar((item[1] ?? "").trim()) : undefined;
    if (scalar === undefined) return undefined;
    items.push(scalar);
  }
  return items.length > 0 ? items : undefined;
}

function flowList(value: string): string[] | undefined {
  const match = /^\[(.*)\](?:[ \t]+#.*)?$/.exec(value);
  if (!match) return undefined;
  const inner = (match[1] ?? "").trim();
  if (inner === "") return [];
  const items: string[] = [];
  for (const part of inner.match(/"[^"\\]*"|'[^']*'|[^,]+/g) ?? []) {
    if (part.trim() === "") continue;
    const scalar = parseScalar(part.trim());
    if (scalar === undefined) return undefined;
    items.push(scalar);
  }
  const rebuilt = inner.replace(/"[^"\\]*"|'[^']*'|[^,]+/g, "").replace(/[\s,]/g, "");
  return rebuilt === "" ? items : undefined;
}

/** A one-line scalar: plain (comment stripped) or simply quoted; undefined otherwise. */
function parseScalar(value: string): string | undefined {
  if (value.startsWith('"')) {
    const match = /^"([^"\\]*)"(?:[ \t]+#.*)?$/.exec(value);
    return match ? match[1] : undefined;
  }
  if (value.startsWith("'")) {
    const match = /^'((?:[^']|'')*)'(?:[ \t]+#.*)?$/.exec(value);
    return match ? (match[1] as string).replace(/''/g, "'") : undefined;
  }
  const plain = value.replace(/[ \t]+#.*$/, "").trim();
  if (plain === "" || !PLAIN_START.test(plain) || /: |\t/.test(plain)) return undefined;
  return plain;
}
