import { describe, expect, it } from "vitest";
import { splitCardSections } from "../../site/lib/card-sections.ts";

describe("splitCardSections", () => {
  it("moves intended use and limitations (with their sub-headings) ahead, in the card's order", () => {
    const body = [
      "# Churn model",
      "Intro.",
      "## Intended use",
      "Score accounts.",
      "### Users",
      "Analysts.",
      "## Training data",
      "Customers.",
      "## Limitations",
      "Old data.",
      "",
    ].join("\n");
    expect(splitCardSections(body)).toEqual({
      lead: "## Intended use\nScore accounts.\n### Users\nAnalysts.\n## Limitations\nOld data.\n",
      rest: "# Churn model\nIntro.\n## Training data\nCustomers.\n",
    });
  });

  it("ignores headings inside fenced code and leaves a card without those sections whole", () => {
    const body = "# M\n```md\n## Limitations\n```\n## Data\nB.\n";
    expect(splitCardSections(body)).toEqual({ lead: "", rest: body });
  });

  it("matches headings whatever their case and closing hashes", () => {
    expect(splitCardSections("## LIMITATION ##\nX.\n# Other\nY.").lead).toBe("## LIMITATION ##\nX.\n");
  });
});
