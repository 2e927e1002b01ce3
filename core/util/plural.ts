/**
 * A count with its noun in the right number: `plural(1, "model")` is "1 model",
 * `plural(2, "model")` "2 models", `plural(3, "class", "classes")` "3 classes".
 */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

/** The noun alone in the number `count` asks for ("column" or "columns"), for "3 of 1 column". */
export function noun(count: number, word: string, pluralWord = `${word}s`): string {
  return count === 1 ? word : pluralWord;
}

/** "all 3 rows are null", or "its only row is null". */
export function allRowsNull(rows: number): string {
  return rows === 1 ? "its only row is null" : `all ${rows} rows are null`;
}
