// GET /api/SSG/courses/runs/{runId}/sessions (original route): the run's sessions straight from SSG,
// as {runID, sessions}. SSG's "no such run" is our 404 and its "bad query" (e.g. no UEN) our 400:
// both are about what the caller asked; SSG's other failures map to 502/503/504.
import { getSsgSessions } from "../../shared/api/contracts/index.js";
import { loadSettings } from "../../shared/config/index.js";
import { InvalidInput, NotFound, Rejected } from "../../shared/errors.js";
import { secretProvider } from "../../shared/secrets/index.js";
import { ssgClientFromSettings } from "../../shared/systems/ssg/from-settings.js";
import { registerRoute } from "./route.js";

export const getSsgSessionsHandler = registerRoute(getSsgSessions, async ({ params, query }) => {
  const ssg = ssgClientFromSettings(loadSettings(), secretProvider());
  try {
    const sessions = await ssg.getCourseRunSessions(params.runId, {
      courseReferenceNumber: query.courseReferenceNumber,
      ...(query.uen === undefined ? {} : { uen: query.uen }),
      ...(query.sessionMonth === undefined ? {} : { sessionMonth: query.sessionMonth }),
      ...(query.includeExpiredCourses === undefined ? {} : { includeExpiredCourses: query.includeExpiredCourses }),
    });
    return { status: 200, body: { runID: params.runId, sessions } };
  } catch (error) {
    if (error instanceof Rejected && error.status === 404) throw new NotFound(`SSG knows no course run ${params.runId} for that course`);
    if (error instanceof Rejected && error.status === 400) throw new InvalidInput(`SSG refused the query: ${error.detail}`);
    throw error;
  }
});
