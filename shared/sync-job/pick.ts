/** The named fields of a record, for writes that touch only what changed. */
export function pickFields<T extends object, K extends keyof T>(fields: T, names: readonly K[]): Pick<T, K> {
  return Object.fromEntries(names.map((n) => [n, fields[n]])) as Pick<T, K>;
}
