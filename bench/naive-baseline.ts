// The baseline the sync is measured against: what the original service did (see
// /work/shared/notes/original-service.md), as a plain axios loop straight at a TadaBase simulator
// with the same limit: for each session, create its venue unless this loop made it already (key =
// the fields glued together), then create the session, form-encoded, one request after another, no
// limiter, no status checks, no retries. Whatever TadaBase refused is lost.
import { performance } from "node:perf_hooks";
import axios from "axios";
import { startTadaBaseSimulator, type SsgRun } from "../simulators/index.js";
import { planSync } from "../shared/sync/plan.js";

export interface BaselineResult {
  /** Live sessions to create (SSG's deleted ones excluded). */
  sessions: number;
  seconds: number;
  requests: number;
  refused429: number;
  otherFailures: number;
  /** Live sessions that did not end up in BESTraining. */
  lost: number;
}

const yesNo = (value: boolean): string => (value ? "True" : "False");

export async function benchNaiveBaseline(options: { run: SsgRun; perMinute: number }): Promise<BaselineResult> {
  const sim = await startTadaBaseSimulator({ port: 0, rateLimit: { perMinute: options.perMinute, perDay: 10_000_000 } });
  try {
    const schema = sim.schema();
    const venues = schema.Venues;
    const sessions = schema["Course Sessions"];
    if (venues === undefined || sessions === undefined) throw new Error("the TadaBase simulator lacks the BESTraining tables");
    const http = axios.create({
      baseURL: `${sim.url}/api/v1`,
      headers: {
        "X-Tadabase-App-id": sim.credentials.appId,
        "X-Tadabase-App-Key": sim.credentials.appKey,
        "X-Tadabase-App-Secret": sim.credentials.appSecret,
        "content-type": "application/x-www-form-urlencoded",
      },
      // The original never looked at the status.
      validateStatus: () => true,
      proxy: false,
    });
    const slugs = (table: { fields: Record<string, string> }, values: Record<string, string>): string =>
      new URLSearchParams(Object.entries(values).map(([name, value]): [string, string] => [table.fields[name] ?? name, value])).toString();

    // The records each session should become (values only; the baseline's faults are elsewhere).
    const plan = planSync({ ssgSessions: JSON.parse(JSON.stringify(options.run.sessions)) as unknown[], existingSessions: [], existingVenues: [], scope: { courseRunId: options.run.id } });
    const venueFields = new Map(plan.venues.map((v) => [v.key, v.fields]));
    const venueIds = new Map<string, string>();
    const toCreate = plan.sessions.filter((s) => s.action === "create");
    const result: BaselineResult = { sessions: toCreate.length, seconds: 0, requests: 0, refused429: 0, otherFailures: 0, lost: 0 };
    const post = async (tableId: string, body: string): Promise<string | undefined> => {
      result.requests += 1;
      const response = await http.post<{ recordId?: string }>(`/data-tables/${tableId}/records`, body);
      if (response.status === 429) result.refused429 += 1;
      else if (response.status !== 200) result.otherFailures += 1;
      return response.status === 200 ? response.data.recordId : undefined;
    };

    const started = performance.now();
    for (const item of toCreate) {
      let venueId = "";
      const venue = item.venueKey === null ? undefined : venueFields.get(item.venueKey);
      if (venue !== undefined) {
        const glued = [venue.block, venue.street, venue.floor, venue.unit, venue.building, venue.postalCode, venue.room].join("");
        venueId = venueIds.get(glued) ?? "";
        if (venueId === "") {
          const values = { Room: venue.room, Unit: venue.unit, Block: venue.block, Floor: venue.floor, Street: venue.street, Building: venue.building, "Postal Code": venue.postalCode, "Wheelchair Access": yesNo(venue.wheelchairAccess) };
          venueId = (await post(venues.id, slugs(venues, values))) ?? "";
          if (venueId !== "") venueIds.set(glued, venueId);
        }
      }
      const f = item.fields;
      const values = {
        "SSG Session ID": f.ssgSessionId,
        "Course Run ID": f.courseRunId,
        "Start Date": f.startDate,
        "End Date": f.endDate,
        "Start Time": f.startTime,
        "End Time": f.endTime,
        "Mode of Training": f.modeOfTraining,
        "Attendance Taken": yesNo(f.attendanceTaken),
        Deleted: yesNo(f.deleted),
        ...(venueId === "" ? {} : { Venue: venueId }),
      };
      const created = await post(sessions.id, slugs(sessions, values));
      // A session whose venue was refused is lost too: it points nowhere.
      if (created === undefined || (venue !== undefined && venueId === "")) result.lost += 1;
    }
    result.seconds = (performance.now() - started) / 1000;
    return result;
  } finally {
    await sim.stop();
  }
}
