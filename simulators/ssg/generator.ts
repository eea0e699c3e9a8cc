// A deterministic SSG dataset: the same seed gives the same runs, sessions and venue spellings.
// Venues vary the way hand-typed SSG data does (case, spacing, abbreviations, postal code as a
// number), so de-duplication and change detection meet realistic input.
import { createRng } from "../kit/index.js";
import type { Rng } from "../kit/index.js";
import type { SsgRun, SsgSession, SsgVenue } from "./model.js";

export interface GenerateOptions {
  runs: number;
  sessionsPerRun: number;
  seed?: number;
  /** First session date (YYYYMMDD); default 20260105. */
  startFrom?: string;
  /** Share of sessions marked deleted; default 0.1. */
  deletedShare?: number;
  /** Share of runs whose course has expired; default 0.1. */
  expiredShare?: number;
}

interface BaseVenue {
  block: string;
  street: string;
  floor: string;
  unit: string;
  building: string;
  postalCode: string;
  room: string;
  wheelChairAccess: boolean;
}

// Made-up places in Singapore's address format.
const VENUES: BaseVenue[] = [
  { block: "112A", street: "Ang Mo Kio Avenue 3", floor: "03", unit: "12", building: "Northpoint Learning Hub", postalCode: "560112", room: "Room 3A", wheelChairAccess: true },
  { block: "1", street: "Raffles Place", floor: "18", unit: "01", building: "One Raffles Training Suites", postalCode: "048616", room: "Seminar Room 1", wheelChairAccess: true },
  { block: "21", street: "Tampines Street 92", floor: "02", unit: "05", building: "East Skills Centre", postalCode: "528871", room: "Lab 2", wheelChairAccess: false },
  { block: "8", street: "Jurong Town Hall Road", floor: "04", unit: "10", building: "", postalCode: "609434", room: "Workshop B", wheelChairAccess: true },
  { block: "50", street: "Kallang Bahru", floor: "01", unit: "22", building: "Kallang Trade Centre", postalCode: "339334", room: "", wheelChairAccess: false },
  { block: "3", street: "Church Street", floor: "10", unit: "03", building: "Samsung Hub Academy", postalCode: "049483", room: "Room 10-03", wheelChairAccess: true },
];

const ABBREVIATIONS: [RegExp, string][] = [
  [/Avenue/, "Ave"],
  [/Street/, "St"],
  [/Road/, "Rd"],
];

/** One hand-typed rendering of a venue; `rng` decides which quirks appear. */
function spell(base: BaseVenue, rng: Rng): SsgVenue {
  const quirk = (s: string): string => {
    let out = s;
    if (rng.chance(0.15)) out = out.toUpperCase();
    else if (rng.chance(0.1)) out = out.toLowerCase();
    if (rng.chance(0.15)) out = `${out} `;
    if (rng.chance(0.1)) out = out.replace(" ", "  ");
    return out;
  };
  let street = base.street;
  for (const [long, short] of ABBREVIATIONS) if (rng.chance(0.25)) street = street.replace(long, short);
  // A numeric postal code loses its leading zero, as some SSG answers show.
  const postalCode: string | number = rng.chance(0.3) ? Number(base.postalCode) : base.postalCode;
  return {
    block: quirk(base.block),
    street: quirk(street),
    floor: rng.chance(0.2) ? String(Number(base.floor)) : base.floor,
    unit: base.unit,
    building: quirk(base.building),
    postalCode,
    room: quirk(base.room),
    wheelChairAccess: base.wheelChairAccess,
  };
}

function toDate(yyyymmdd: string): Date {
  return new Date(Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))));
}

export function ssgDate(date: Date): string {
  return date.toISOString().slice(0, 10).replaceAll("-", "");
}

const SLOTS: [string, string][] = [
  ["09:00", "12:00"],
  ["09:00", "17:00"],
  ["14:00", "17:30"],
  ["18:30", "21:30"],
];

export function generateSsgRuns(options: GenerateOptions): SsgRun[] {
  const rng = createRng(options.seed ?? 1);
  const deletedShare = options.deletedShare ?? 0.1;
  const usedRunIds = new Set<number>();
  let day = toDate(options.startFrom ?? "20260105");
  const runs: SsgRun[] = [];
  for (let r = 0; r < options.runs; r++) {
    let runId = rng.int(100_000, 999_999);
    while (usedRunIds.has(runId)) runId = rng.int(100_000, 999_999);
    usedRunIds.add(runId);
    const referenceNumber = `TGS-${rng.int(2019, 2025)}${String(rng.int(0, 999_999)).padStart(6, "0")}`;
    const home = rng.pick(VENUES);
    const sessions: SsgSession[] = [];
    let date = new Date(day);
    for (let s = 1; s <= options.sessionsPerRun; s++) {
      // Mostly a few days apart; now and then months apart (a run spanning a term).
      const gap = rng.chance(0.1) ? rng.int(60, 120) : rng.int(1, 7);
      date = new Date(date.getTime() + (s === 1 ? 0 : gap) * 86_400_000);
      const mode = rng.chance(0.8) ? "1" : rng.pick(["2", "4", "8", "9"]);
      const [startTime, endTime] = rng.pick(SLOTS);
      const venueBase = rng.chance(0.85) ? home : rng.pick(VENUES);
      sessions.push({
        id: `${referenceNumber}-${runId}-S${s}`,
        startDate: ssgDate(date),
        endDate: ssgDate(date),
        startTime,
        endTime,
        modeOfTraining: mode,
        ...(mode === "2" ? {} : { venue: spell(venueBase, rng) }),
        attendanceTaken: rng.chance(0.3),
        deleted: rng.chance(deletedShare),
      });
    }
    runs.push({
      id: String(runId),
      referenceNumber,
      uen: rng.pick(["T16LL0001A", "201900001K", "53300001M"]),
      title: `Simulated Course ${r + 1}`,
      trainingProviderName: "Simulated Training Provider Pte Ltd",
      startDate: sessions[0]?.startDate ?? ssgDate(day),
      endDate: sessions.at(-1)?.endDate ?? ssgDate(day),
      expired: rng.chance(options.expiredShare ?? 0.1),
      sessions,
    });
    day = new Date(day.getTime() + rng.int(3, 20) * 86_400_000);
  }
  return runs;
}
