// Small builders for SSG sessions and stored BESTraining records used across the sync tests.
import type { CourseSessionRecord, VenueRecord } from "../../../shared/systems/bestraining/records.js";
import type { SsgSession, SsgVenue } from "../../../shared/systems/ssg/session.js";

export const RUN = "224596";

export const venueA: SsgVenue = {
  block: "112A",
  street: "Street ABC",
  floor: "15",
  unit: "001",
  building: "Building ABC",
  postalCode: "123455",
  room: "24",
  wheelChairAccess: true,
};

export function ssgSession(n: number, overrides: Partial<SsgSession> = {}): SsgSession {
  return {
    id: `TGS-2020000703-${RUN}-S${n}`,
    startDate: "20200105",
    endDate: "20200105",
    startTime: "08:30",
    endTime: "17:30",
    modeOfTraining: "1",
    venue: venueA,
    attendanceTaken: false,
    deleted: false,
    ...overrides,
  };
}

export function storedVenue(id: string, key: string, overrides: Partial<VenueRecord> = {}): VenueRecord {
  return {
    id,
    venueKey: key,
    room: "24",
    unit: "001",
    block: "112A",
    floor: "15",
    street: "Street ABC",
    building: "Building ABC",
    postalCode: "123455",
    wheelchairAccess: true,
    ...overrides,
  };
}

/** The record a first sync of `ssgSession(n)` writes, with the venue `venueId`. */
export function storedSession(id: string, n: number, venueId: string | null, overrides: Partial<CourseSessionRecord> = {}): CourseSessionRecord {
  return {
    id,
    ssgSessionId: `TGS-2020000703-${RUN}-S${n}`,
    courseRunId: RUN,
    startDate: "2020-01-05",
    endDate: "2020-01-05",
    startTime: "08:30:00",
    endTime: "17:30:00",
    modeOfTraining: "Classroom",
    attendanceTaken: false,
    deleted: false,
    venueIds: venueId === null ? [] : [venueId],
    ...overrides,
  };
}
