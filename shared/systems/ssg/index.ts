// Public surface of the SSG client.
export { SsgClient } from "./client.js";
export type { SsgApiVersions, SsgClientOptions, SsgHttpLimits } from "./client.js";
export { ssgClientFromSettings } from "./from-settings.js";
export type { SsgSecretName, SsgSecrets } from "./secrets.js";
export { ROUTES as SSG_ROUTES } from "./routes.js";
export { SSG_IV, decryptFromSsg, encryptForSsg, ssgKeyFromBase64 } from "./encryption.js";
export { describeSsgRejection, ssgEffectiveStatus, ssgEnvelopeSchema } from "./envelope.js";
export { clientCertificateOptions } from "./mtls.js";
export { attendanceStatusCodeSchema, attendanceUploadSchema } from "./wire.js";
export type { SsgAttendanceQuery, SsgAttendanceUpload, SsgAttendanceUploadResult, SsgCourseRun, SsgSessionAttendance, SsgSessionsQuery } from "./wire.js";
export { ssgSessionSchema } from "./session.js";
export type { SsgSession } from "./session.js";
