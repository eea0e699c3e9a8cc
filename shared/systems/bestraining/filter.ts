// A typed filter for TadaBase record lists. Callers name fields by NAME; the table turns names into
// slugs (and refuses unknown names) when it sends the filter. TadaBase filters are one flat list of
// conditions joined by one AND or OR: no nesting, so none here either.

export const FILTER_OPERATORS = [
  "is",
  "is not",
  "contains",
  "higher than",
  "lower than",
  "is after",
  "is before",
  "is blank",
  "is not blank",
] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

/** What a condition compares with: encoded like a written value (dates YYYY-MM-DD, yes/no…). */
export type FilterValue = string | number | boolean | Date;

export interface Condition<F extends string = string> {
  readonly field: F;
  readonly operator: FilterOperator;
  readonly value?: FilterValue;
}

export interface Filter<F extends string = string> {
  readonly condition: "AND" | "OR";
  readonly items: readonly Condition<F>[];
}

/** The operators on one field: `field("Start Date").isAfter("2026-01-01")`. */
export interface FieldConditions<F extends string> {
  is(value: FilterValue): Condition<F>;
  isNot(value: FilterValue): Condition<F>;
  contains(value: string): Condition<F>;
  higherThan(value: number): Condition<F>;
  lowerThan(value: number): Condition<F>;
  isAfter(value: string | Date): Condition<F>;
  isBefore(value: string | Date): Condition<F>;
  isBlank(): Condition<F>;
  isNotBlank(): Condition<F>;
}

export function field<F extends string>(name: F): FieldConditions<F> {
  const make = (operator: FilterOperator, value?: FilterValue): Condition<F> =>
    value === undefined ? { field: name, operator } : { field: name, operator, value };
  return {
    is: (v) => make("is", v),
    isNot: (v) => make("is not", v),
    contains: (v) => make("contains", v),
    higherThan: (v) => make("higher than", v),
    lowerThan: (v) => make("lower than", v),
    isAfter: (v) => make("is after", v),
    isBefore: (v) => make("is before", v),
    isBlank: () => make("is blank"),
    isNotBlank: () => make("is not blank"),
  };
}

/** Every condition must hold. */
export function allOf<F extends string>(...items: Condition<F>[]): Filter<F> {
  return { condition: "AND", items };
}

/** At least one condition must hold. */
export function anyOf<F extends string>(...items: Condition<F>[]): Filter<F> {
  return { condition: "OR", items };
}
