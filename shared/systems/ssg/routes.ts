// Route templates: the only form of an SSG path that logs, errors and the simulator's counts show.
export const ROUTES = {
  token: "/dp-oauth/oauth/token",
  sessions: "/courses/runs/{runId}/sessions",
  courseRun: "/courses/courseRuns/id/{runId}",
  attendance: "/courses/runs/{runId}/sessions/attendance",
} as const;
