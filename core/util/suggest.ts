import { distance } from "fastest-levenshtein";

/** The closest candidate within a small edit distance, for "did you mean" hints. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(2, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** "did you mean `x`?" or a list of what exists. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  if (match) return `did you mean "${match}"?`;
  return `expected one of: ${candidates.join(", ")}`;
}
