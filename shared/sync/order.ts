// Code-point ordering: unlike localeCompare it is the same on every machine and Node version, so a
// replayed orchestration computes the same plan.
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts by the given text keys in turn (a copy; the input is left alone). */
export function sortByText<T>(items: readonly T[], ...keys: ReadonlyArray<(item: T) => string>): T[] {
  return [...items].sort((x, y) => {
    for (const key of keys) {
      const order = compareText(key(x), key(y));
      if (order !== 0) return order;
    }
    return 0;
  });
}
