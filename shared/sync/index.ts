// The sync's pure planning logic (no I/O, no clock): see README.md for the contract with the executor.
export { mapSsgSession, modeOfTrainingLabel, toIsoDate, toIsoTime, MODE_OF_TRAINING_LABELS } from "./mapping.js";
export type { MappedSession, SessionFieldsWithoutVenue } from "./mapping.js";
export { planSync } from "./plan.js";
export type { PlanInput, RejectedSession, SessionAction, SessionPlanItem, SyncPlan, VenueAction, VenuePlanItem } from "./plan.js";
export { sessionMonthSchema, sessionMonthPrefix, startDateInScope } from "./scope.js";
export type { SyncScope } from "./scope.js";
export { canonicalPostalCode, canonicalVenueParts, isBlankVenue, VENUE_KEY_VERSION, venueKey } from "./venue-key.js";
export { chunk } from "./windows.js";
export { addCounts, emptyCounts, expectedOutcome, outcomesWithoutWrites, previewOutcomes, summarize } from "./outcomes.js";
export type { SessionOutcome, SessionOutcomeKind, SyncCounts } from "./outcomes.js";
