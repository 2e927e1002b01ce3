import { describe, expect, it } from "vitest";
import { renderProfile } from "../../core/profile/render.ts";
import { allRowsNull, noun, plural } from "../../core/util/plural.ts";

describe("counts in CLI output", () => {
  it("pluralise by the count", () => {
    expect([plural(0, "model"), plural(1, "model"), plural(2, "model")]).toEqual(["0 models", "1 model", "2 models"]);
    expect(plural(1, "class", "classes")).toBe("1 class");
    expect(plural(3, "class", "classes")).toBe("3 classes");
    expect(`1 of ${plural(1, "column")}`).toBe("1 of 1 column");
    expect(noun(1, "row")).toBe("row");
    expect([allRowsNull(1), allRowsNull(2)]).toEqual(["its only row is null", "all 2 rows are null"]);
  });

  it("a one-row, one-column profile says so", () => {
    const text = renderProfile({
      apiVersion: "almanac/v1",
      kind: "DatasetProfile",
      source: { files: ["a.csv"], format: "csv" },
      rows: 1,
      columns: [],
    } as unknown as Parameters<typeof renderProfile>[0]);
    expect(text.split("\n")[0]).toMatch(/: 1 row, 0 columns$/);
  });
});
