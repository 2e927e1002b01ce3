/**
 * Awaits every promise, then returns their values in order or throws the first error in
 * argument order (not the first to happen): work started side by side fails the same way on
 * every run, and nothing is still running when the caller cleans up after an error.
 * Example: `await settledInOrder([Promise.resolve(1), Promise.resolve("a")])` → [1, "a"].
 */
export async function settledInOrder<T extends readonly unknown[]>(
  promises: {
    readonly [K in keyof T]: Promise<T[K]>;
  },
): Promise<T> {
  const results: Array<PromiseSettledResult<unknown>> = await Promise.allSettled(
    promises as unknown as ReadonlyArray<Promise<unknown>>,
  );
  const values: unknown[] = [];
  for (const result of results) {
    if (result.status === "rejected") throw result.reason;
    values.push(result.value);
  }
  return values as unknown as T;
}
