import { describe, expect, it } from "vitest";
import { COMMANDS, verbOf } from "../../core/cli/commands/index.ts";

describe("which verb's modules the CLI loads", () => {
  it("finds the verb past the global options, whatever the --root directory is called", () => {
    expect(verbOf(["drift", "--reference", "a.csv"])).toBe("drift");
    expect(verbOf(["--root", "validate", "--debug", "drift"])).toBe("drift");
    expect(verbOf(["--root=validate", "history"])).toBe("history");
    expect(verbOf(["new", "dataset"])).toBe("new");
  });

  it("loads every verb for help, the version, a typo or nothing", () => {
    for (const argv of [[], ["--help"], ["-v"], ["help", "drift"], ["dirft"], ["--root", "x"]])
      expect(verbOf(argv)).toBeUndefined();
  });

  it("names every verb once, each loading a register function", async () => {
    const names = COMMANDS.map((command) => command.name);
    expect(new Set(names).size).toBe(names.length);
    for (const command of COMMANDS) expect(typeof (await command.load())).toBe("function");
  });
});
