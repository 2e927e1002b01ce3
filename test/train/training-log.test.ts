import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTrainingLog } from "../../core/train/training-log.ts";

async function dirWith(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "almanac-log-"));
  await writeFile(join(dir, name), text);
  return dir;
}

describe("readTrainingLog", () => {
  it("reads CSV and JSON logs as rows of numbers", async () => {
    expect(await readTrainingLog(await dirWith("training-log.csv", "epoch,loss\n1,0.9\n2,0.45\n"))).toEqual([
      { epoch: 1, loss: 0.9 },
      { epoch: 2, loss: 0.45 },
    ]);
    expect(await readTrainingLog(await dirWith("training-log.json", '[{"step": 10, "loss": 1.5}]'))).toEqual([
      { step: 10, loss: 1.5 },
    ]);
    expect(await readTrainingLog(await mkdtemp(join(tmpdir(), "almanac-log-")))).toBeUndefined();
  });

  it("refuses values that are not finite numbers, naming the line", async () => {
    await expect(readTrainingLog(await dirWith("training-log.csv", "epoch,loss\n1,0.9\n2,NaN\n"))).rejects.toThrow(
      'training-log.csv line 3 loss: "NaN" is not a finite number',
    );
    await expect(readTrainingLog(await dirWith("training-log.json", '{"loss": 1}'))).rejects.toThrow(
      "training-log.json is not an array",
    );
  });
});
