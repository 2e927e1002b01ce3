import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openObjectReader } from "../../core/git/object-reader.ts";
import { createTestRepo, type TestRepo } from "./test-repo.ts";

let repo: TestRepo;
const big = Buffer.alloc(3_000_000, "x");

beforeAll(() => {
  repo = createTestRepo();
  repo.commit("files", { "small.txt": "hello\n", "big.bin": big, "empty.txt": "" });
});
afterAll(() => repo.remove());

describe("openObjectReader", () => {
  it("reads many objects through one process, in order, with missing ones undefined", async () => {
    const reader = openObjectReader(repo.dir);
    try {
      const names = [
        "HEAD:small.txt",
        "HEAD:missing.txt",
        "HEAD:big.bin",
        "HEAD:empty.txt",
        "HEAD^{commit}",
        "nope^{commit}",
      ];
      const objects = await reader.readMany(names);
      expect(objects[0]?.data.toString()).toBe("hello\n");
      expect(objects[0]?.type).toBe("blob");
      expect(objects[1]).toBeUndefined();
      expect(objects[2]?.data.length).toBe(big.length);
      expect(objects[2]?.data.equals(big)).toBe(true);
      expect(objects[3]?.data.length).toBe(0);
      expect(objects[4]?.type).toBe("commit");
      expect(objects[4]?.sha).toBe(repo.git("rev-parse", "HEAD"));
      expect(objects[5]).toBeUndefined();
      expect(await reader.read("bad\nname")).toBeUndefined();
    } finally {
      await reader.close();
    }
  });
});
