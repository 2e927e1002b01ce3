/**
 * The penguin species forest as saved in its artifact (model.json) and how it scores rows: shared
 * by train.ts (which scores the test split through a JSON round trip of the saved forest) and
 * predict.ts, so `almanac predict` reproduces the evaluated predictions exactly.
 */
import { RandomForestClassifier } from "ml-random-forest";
import { type CsvRecord, numericRows } from "../../core/train/contract-inputs.ts";

/** model.json: the forest, the class labels, the feature order and the training means for empty cells. */
export interface SavedModel {
  classes: string[];
  features: string[];
  means: number[];
  trees: number;
  forest: ReturnType<RandomForestClassifier["toJSON"]>;
}

/**
 * Each row's predicted species and class probabilities: the trees' vote shares with Laplace
 * smoothing ((votes + 1) / (trees + k)), so no class gets probability 0 from a finite forest;
 * the prediction is the most voted class.
 */
export function predictRows(saved: SavedModel, rows: readonly CsvRecord[]): Array<[string, ...number[]]> {
  const { classes, trees } = saved;
  const forest = RandomForestClassifier.load(saved.forest);
  const votes = forest.predictionValues(numericRows(saved.features, saved.means)(rows));
  return rows.map((_, i) => {
    const counts = classes.map(() => 0);
    for (const vote of votes.getRow(i)) counts[vote] = (counts[vote] as number) + 1;
    const best = counts.indexOf(Math.max(...counts));
    return [classes[best] as string, ...counts.map((count) => (count + 1) / (trees + classes.length))];
  });
}
