import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { withDatabase } from "../../core/data/duckdb.ts";
import { hashFile } from "../../core/data/hash-file.ts";
import { validateRepository } from "../../core/validate/index.ts";
import { runCli, snapshotTree } from "../support/tiny-repo.ts";

const temp = await mkdtemp(join(tmpdir(), "almanac-new-dataset-"));
afterAll(() => rm(temp, { recursive: true, force: true }));
let count = 0;

/** A fresh empty repository root and a data file outside it. */
async function setup(name: string, data: string): Promise<{ root: string; file: string }> {
  count++;
  const root = join(temp, `repo-${count}`);
  const file = join(temp, `${count}-${name}`);
  await writeFile(file, data);
  const { mkdir } = await import("node:fs/promises");
  await mkdir(root);
  return { root, file };
}

const SHOP_CSV = `order_id,customer,amount,items,placed_on,express,channel,note
1,c-17,12.5,1,2024-01-03,true,web,
2,c-02,8,2,2024-01-04,false,store,gift
3,c-17,99.99,5,2024-02-10,false,web,
4,c-44,15,1,2024-02-11,true,app,call first
5,c-09,42.1,3,2024-03-01,false,web,
6,c-02,7.25,1,2024-03-05,false,store,
7,c-31,18,2,2024-03-06,true,web,leave at door
8,c-17,55,4,2024-03-09,false,app,
`;

describe("almanac new dataset", () => {
  it("infers a manifest that validates, and copies the file", async () => {
    const { root, file } = await setup("shop.csv", SHOP_CSV);
    const run = await runCli(["new", "dataset", "shop", "--from", file, "--target", "express", "--root", root]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("✓ wrote datasets/shop/dataset.yaml and datasets/shop/data/");
    const text = await readFile(join(root, "datasets/shop/dataset.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../../node_modules/almanac/schemas/dataset-manifest.schema.json",
    );
    const manifest = parse(text);
    const copied = join(root, "datasets/shop/data", file.split("/").at(-1) as string);
    expect(await readFile(copied, "utf8")).toBe(SHOP_CSV);
    expect(manifest.files).toEqual([{ path: `data/${file.split("/").at(-1)}`, ...(await hashFile(copied)), rows: 8 }]);
    expect(manifest.columns).toEqual([
      // An id: no range (the next rows' ids would be out of it).
      { name: "order_id", type: "integer", role: "id", unique: true },
      // 5 distinct values in 8 rows: more than half, so free text rather than a category
      { name: "customer", type: "string", role: "feature" },
      { name: "amount", type: "number", role: "feature", min: 7.25, max: 99.99 },
      { name: "items", type: "integer", role: "feature", min: 1, max: 5 },
      { name: "placed_on", type: "datetime", role: "feature", unique: true, min: "2024-01-03", max: "2024-03-09" },
      { name: "express", type: "boolean", role: "target" },
      { name: "channel", type: "category", role: "feature", values: ["app", "store", "web"] },
      { name: "note", type: "string", role: "feature", nullable: true },
    ]);
    expect(manifest.split).toEqual({ method: "hash", key: "order_id", seed: 0, test_fraction: 0.2 });
    expect((await validateRepository(root)).diagnostics).toEqual([]);
    expect(await readdir(root)).toEqual(["datasets"]);
  });

  it("refuses to overwrite an existing dataset (exit 2) and writes nothing", async () => {
    const { root, file } = await setup("shop.csv", SHOP_CSV);
    expect((await runCli(["new", "dataset", "shop", "--from", file, "--root", root])).code).toBe(0);
    const before = await snapshotTree(root);
    const run = await runCli(["new", "dataset", "shop", "--from", file, "--root", root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("datasets/shop already exists; almanac new never overwrites");
    expect(await snapshotTree(root)).toEqual(before);
    expect((await runCli(["new", "dataset", "shop", "--from", file, "--force", "--root", root])).code).toBe(2);
  });

  it("adds a row_id with --add-row-id and splits on it", async () => {
    const { root, file } = await setup("plain.csv", "a,b\nx,1\ny,1\nx,2\n");
    const run = await runCli(["new", "dataset", "plain", "--from", file, "--add-row-id", "--root", root]);
    expect(run.code).toBe(0);
    const data = await readFile(join(root, "datasets/plain/data", file.split("/").at(-1) as string), "utf8");
    expect(data).toBe("row_id,a,b\n1,x,1\n2,y,1\n3,x,2\n");
    const manifest = parse(await readFile(join(root, "datasets/plain/dataset.yaml"), "utf8"));
    expect(manifest.columns[0]).toEqual({ name: "row_id", type: "integer", role: "id", unique: true });
    expect(manifest.split.key).toBe("row_id");
    expect((await validateRepository(root)).diagnostics).toEqual([]);
  });

  it("gives unique id-named text columns role id; warns of a numeric column with n/a, ?, NaN and reads them as missing with --null-tokens", async () => {
    const data = "row_id,ticket_id,age,answer\n1,T-9,34,yes\n2,T-3,n/a,no\n3,T-7,?,yes\n4,T-1,41.5,no\n5,T-2,NaN,yes\n";
    const { root, file } = await setup("tokens.csv", data);
    const run = await runCli(["new", "dataset", "tokens", "--from", file, "--target", "answer", "--root", root]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `warning column age is numeric except for the texts "?", "NaN", "n/a": rerun with --null-tokens '?,NaN,n/a' to read them as missing (the manifest's null_tokens)`,
    );
    const first = parse(await readFile(join(root, "datasets/tokens/dataset.yaml"), "utf8"));
    expect(
      first.columns.map((c: { name: string; type: string; role: string }) => `${c.name}:${c.type}:${c.role}`),
    ).toEqual(["row_id:integer:id", "ticket_id:string:id", "age:string:feature", "answer:category:target"]);
    const again = await runCli([
      "new",
      "dataset",
      "tokens2",
      "--from",
      file,
      "--target",
      "answer",
      "--null-tokens",
      "n/a,?,NaN",
      "--root",
      root,
    ]);
    expect(again).toMatchObject({ code: 0, stderr: "" });
    expect(again.stdout).not.toContain("warning");
    const manifest = parse(await readFile(join(root, "datasets/tokens2/dataset.yaml"), "utf8"));
    expect(manifest.null_tokens).toEqual(["n/a", "?", "NaN"]);
    expect(manifest.columns[2]).toEqual({
      name: "age",
      type: "number",
      role: "feature",
      nullable: true,
      min: 34,
      max: 41.5,
    });
    expect(manifest.columns[3]).toEqual({ name: "answer", type: "category", role: "target", values: ["no", "yes"] });
    // validate reads the tokens as missing too; without them the same file fails as a number column.
    expect((await validateRepository(root)).diagnostics).toEqual([]);
    const profiled = await runCli(["profile", "tokens2", "--json", "--root", root]);
    expect(JSON.parse(profiled.stdout).columns[2]).toMatchObject({ name: "age", count: 2, nulls: 3 });
  });

  it("warns when no column is a unique key, and still writes a valid grouped split", async () => {
    const { root, file } = await setup("plain.csv", "a,b\nx,1\ny,1\nx,2\nz,3\n");
    const run = await runCli(["new", "dataset", "plain", "--from", file, "--root", root]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("warning almanac train needs a unique row key: rerun with --add-row-id");
    expect(parse(await readFile(join(root, "datasets/plain/dataset.yaml"), "utf8")).split.key).toBe("a");
    expect((await validateRepository(root)).diagnostics).toEqual([]);
  });

  it.each(["parquet", "json", "ndjson"] as const)("infers from %s with the stored types", async (format) => {
    const { root, file: csv } = await setup("shop.csv", SHOP_CSV);
    const file = csv.replace(/\.csv$/, format === "ndjson" ? ".ndjson" : `.${format}`);
    const options =
      format === "parquet" ? "FORMAT parquet" : format === "json" ? "FORMAT json, ARRAY true" : "FORMAT json";
    await withDatabase((db) => db.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${file}' (${options})`));
    const run = await runCli(["new", "dataset", "shop", "--from", file, "--sensitive", "channel", "--root", root]);
    expect(run.code).toBe(0);
    const manifest = parse(await readFile(join(root, "datasets/shop/dataset.yaml"), "utf8"));
    expect(manifest.format).toBe(format);
    expect(
      manifest.columns.map((c: { name: string; type: string; role: string }) => `${c.name}:${c.type}:${c.role}`),
    ).toEqual([
      "order_id:integer:id",
      "customer:string:feature",
      "amount:number:feature",
      "items:integer:feature",
      "placed_on:datetime:feature",
      "express:boolean:feature",
      "channel:category:sensitive",
      "note:string:feature",
    ]);
    expect((await validateRepository(root)).diagnostics).toEqual([]);
  });

  it.each([
    ["an invalid id", ["new", "dataset", "Shop!", "--from", "x.csv"], 'dataset id "Shop!" is not valid'],
    [
      "a missing file",
      ["new", "dataset", "shop", "--from", "/nonexistent/x.csv"],
      "--from /nonexistent/x.csv: no such file",
    ],
    [
      "an unknown format",
      ["new", "dataset", "shop", "--from", "FILE", "--format", "xls"],
      "--format xls is not a format",
    ],
    ["an unknown target", ["new", "dataset", "shop", "--from", "FILE", "--target", "amout"], 'did you mean "amount"?'],
  ])("exits 2 on %s, writing nothing", async (_what, args, message) => {
    const { root, file } = await setup("shop.csv", SHOP_CSV);
    const run = await runCli([...args.map((arg) => (arg === "FILE" ? file : arg)), "--root", root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(await readdir(root)).toEqual([]);
  });

  it("exits 2 on a file DuckDB cannot read, naming it, and leaves no staging behind", async () => {
    const { root, file } = await setup("bad.csv", "a,b\n1,2\n3,4,5\n");
    const run = await runCli(["new", "dataset", "bad", "--from", file, "--root", root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file} cannot be read as csv: line 3: expected 2 columns, found 3`);
    expect(await readdir(root)).toEqual([]);
  });
});
