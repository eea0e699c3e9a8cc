// A small hand-written SSG dataset: the run from SSG's own documentation example
// (TGS-2020000703 / 224596) and an expired course, for tests that want fixed values.
import type { SsgRunInput } from "./model.js";

export const SSG_FIXTURE_UEN = "T16LL0001A";

export const SSG_FIXTURE_RUNS: SsgRunInput[] = [
  {
    id: "224596",
    referenceNumber: "TGS-2020000703",
    uen: SSG_FIXTURE_UEN,
    title: "Workplace Literacy: Report Writing",
    startDate: "20260105",
    endDate: "20260316",
    sessions: [
      {
        id: "TGS-2020000703-224596-S1",
        startDate: "20260105",
        endDate: "20260105",
        startTime: "09:00",
        endTime: "17:00",
        modeOfTraining: "1",
        venue: { block: "112A", street: "Ang Mo Kio Avenue 3", floor: "03", unit: "12", building: "Northpoint Learning Hub", postalCode: "560112", room: "Room 3A", wheelChairAccess: true },
        attendanceTaken: true,
      },
      {
        id: "TGS-2020000703-224596-S2",
        startDate: "20260112",
        endDate: "20260112",
        startTime: "09:00",
        endTime: "17:00",
        modeOfTraining: "1",
        // The same place typed differently: case, spacing, abbreviation, numeric postal code.
        venue: { block: "112a", street: "ANG MO KIO AVE 3 ", floor: "3", unit: "12", building: "Northpoint  Learning Hub", postalCode: 560112, room: "room 3a", wheelChairAccess: true },
      },
      {
        id: "TGS-2020000703-224596-S3",
        startDate: "20260316",
        endDate: "20260316",
        startTime: "14:00",
        endTime: "17:30",
        modeOfTraining: "9",
        venue: { block: "1", street: "Raffles Place", floor: "18", unit: "01", building: "One Raffles Training Suites", postalCode: 48616, room: "Seminar Room 1", wheelChairAccess: true },
        deleted: true,
      },
    ],
  },
  {
    id: "100200",
    referenceNumber: "TGS-2019000111",
    uen: SSG_FIXTURE_UEN,
    title: "Retired Course",
    startDate: "20250303",
    endDate: "20250303",
    expired: true,
    sessions: [
      { id: "TGS-2019000111-100200-S1", startDate: "20250303", endDate: "20250303", startTime: "09:00", endTime: "12:00", modeOfTraining: "2" },
    ],
  },
];
