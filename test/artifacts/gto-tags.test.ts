import { describe, expect, it } from "vitest";
import { GTO_TAG_RE, nextStageTag, registrationTag } from "../../core/artifacts/gto-tags.ts";

describe("GTO tags", () => {
  it("names registrations and numbered stage assignments as GTO does", () => {
    expect(registrationTag("car-mpg", "1.2.0")).toBe("car-mpg@v1.2.0");
    expect(nextStageTag("car-mpg", "production", [])).toBe("car-mpg#production#1");
    expect(
      nextStageTag("car-mpg", "staging", [
        "car-mpg@v1.0.0",
        "car-mpg#staging#1",
        "car-mpg#production#3",
        "car-mpgx#prod#9",
        "v1.0",
      ]),
    ).toBe("car-mpg#staging#4");
  });

  it("parses with GTO's grammar (gto/constants.py tag_re)", () => {
    const parse = (tag: string) => GTO_TAG_RE.exec(tag)?.groups;
    expect(parse("car-mpg@v1.2.0")).toMatchObject({ artifact: "car-mpg", version: "v1.2.0", cancel: "" });
    expect(parse("car-mpg#production#12")).toMatchObject({ artifact: "car-mpg", stage: "production", counter: "12" });
    expect(parse("car-mpg#production!#13")).toMatchObject({ stage: "production", cancel: "!" });
    expect(parse("car-mpg@v1.2.0!")).toMatchObject({ version: "v1.2.0", cancel: "!" });
    expect(parse("car-mpg@1.2.0")).toBeUndefined();
    expect(parse("v1.2.0")).toBeUndefined();
  });
});
