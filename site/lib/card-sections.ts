/** Card sections a reader needs before the numbers (Hugging Face model cards lead with them). */
const LEAD_HEADING = /^(intended use|out-of-scope use|limitations?)\b/i;

const ATX_HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** A card body split in two: the answers-first sections and everything else, both Markdown. */
export interface CardSections {
  /** "Intended use", "Out-of-scope use" and "Limitations" sections, in the card's order; "" when none. */
  lead: string;
  /** The rest of the body. */
  rest: string;
}

/**
 * Splits a card body at its ATX headings (outside fenced code) and moves the sections whose
 * heading starts with "Intended use", "Out-of-scope use" or "Limitation(s)" into `lead`.
 * A section runs until the next heading of the same or a higher level, so its sub-headings
 * go with it. Linear in the body's length.
 *
 * @example splitCardSections("# M\n## Intended use\nA.\n## Data\nB.\n")
 *   // { lead: "## Intended use\nA.\n", rest: "# M\n## Data\nB.\n" }
 */
export function splitCardSections(body: string): CardSections {
  const lines = body.split(/(?<=\n)/);
  const lead: string[] = [];
  const rest: string[] = [];
  let fence: string | undefined;
  let leadLevel: number | undefined;
  for (const line of lines) {
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (fenceMatch?.[1]?.startsWith(fence)) fence = undefined;
    } else if (fenceMatch?.[1]) {
      fence = fenceMatch[1].slice(0, 3);
    } else {
      const heading = ATX_HEADING.exec(line.replace(/\n$/, ""));
      if (heading?.[1] && heading[2] !== undefined) {
        const level = heading[1].length;
        if (leadLevel !== undefined && level <= leadLevel) leadLevel = undefined;
        if (leadLevel === undefined && LEAD_HEADING.test(heading[2])) leadLevel = level;
      }
    }
    (leadLevel === undefined ? rest : lead).push(line);
  }
  return { lead: lead.join(""), rest: rest.join("") };
}
