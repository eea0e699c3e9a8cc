// BESTraining (TadaBase) connector: the generic table client and the sync job's repository.
export { createTadaBaseClient } from "./client.js";
export type { RateLimitBudget, RateLimitStatus, TadaBaseClient, TadaBaseClientOptions, TadaBaseHttpOptions } from "./client.js";
export { TadaBaseTable, MAX_PAGE_SIZE } from "./table.js";
export type { ListOptions, RecordPage, RecordValues, TableRecord } from "./table.js";
export { FILTER_OPERATORS, allOf, anyOf, field } from "./filter.js";
export type { Condition, FieldConditions, Filter, FilterOperator, FilterValue } from "./filter.js";
export type { FieldInfo, WriteValue } from "./values.js";
export type { TableInfo } from "./discovery.js";
export { SCHEMA_TTL_MS } from "./discovery.js";
export { BesTrainingRepository, VENUE_KEYS_PER_QUERY } from "./repository.js";
export type { BesTrainingTableNames } from "./repository.js";
export { besTrainingFromSettings } from "./from-settings.js";
export type { TadaBaseSecretName, TadaBaseSecrets } from "./secrets.js";
export * from "./records.js";
