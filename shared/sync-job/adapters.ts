// The connectors, seen through the sync job's ports.
import type { BesTrainingRepository } from "../systems/bestraining/repository.js";
import type { SsgClient } from "../systems/ssg/client.js";
import type { BesTrainingPort, SsgPort } from "./ports.js";

export function ssgPort(client: SsgClient): SsgPort {
  return { courseRunSessions: (runId, query) => client.getCourseRunSessionItems(runId, query) };
}

export function besTrainingPort(repository: BesTrainingRepository): BesTrainingPort {
  return {
    sessionsOfRun: (runId) => repository.listCourseRunSessions(runId),
    venuesByIds: (ids) => repository.listVenuesByIds(ids),
    venuesByKeys: (keys) => repository.listVenuesByKeys(keys),
    sessionsBySsgId: (id) => repository.findSessionsBySsgId(id),
    createVenue: (fields) => repository.createVenue(fields),
    updateVenue: (id, fields) => repository.updateVenue(id, fields),
    createSession: (fields) => repository.createSession(fields),
    updateSession: (id, fields) => repository.updateSession(id, fields),
  };
}
