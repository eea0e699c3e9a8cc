// Mutual TLS (SSG certificate apps) against a loopback HTTPS server that demands a client
// certificate, as SSG's api host does: the certificate from the secret is presented, no bearer
// token is sent, and a bad certificate secret fails with a clear ConfigurationError.
import assert from "node:assert/strict";
import { X509Certificate } from "node:crypto";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { after, before, describe, it } from "node:test";
import { generate } from "selfsigned";
import { ConfigurationError, Unavailable } from "../../shared/errors.js";
import { SsgClient } from "../../shared/systems/ssg/index.js";
import { createLoopbackCertificate, type LoopbackCertificate } from "../../simulators/kit/index.js";
import { memorySecrets } from "./ssg-harness.js";

interface Seen {
  path: string;
  authorized: boolean;
  authorization: string | undefined;
  version: string | undefined;
  /** Which trusted certificate the client presented (0 = first, 1 = renewed). */
  presented: number;
}

let server: Server;
let url: string;
let serverCert: LoopbackCertificate;
let clientCert: LoopbackCertificate;
let strangerCert: LoopbackCertificate;
let renewedCert: LoopbackCertificate;
const seen: Seen[] = [];

before(async () => {
  [serverCert, clientCert, strangerCert, renewedCert] = await Promise.all([
    createLoopbackCertificate(),
    clientCertificate("ssg-client-2026"),
    clientCertificate("ssg-client-2026"),
    // A distinct subject: the server picks the trusted certificate to check against by subject.
    clientCertificate("ssg-client-2027"),
  ]);
  const trusted = [clientCert.cert, renewedCert.cert];
  const fingerprints = trusted.map((pem) => new X509Certificate(pem).fingerprint256);
  server = createServer({ key: serverCert.key, cert: serverCert.cert, ca: trusted, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const socket = req.socket as TLSSocket;
    seen.push({
      path: req.url ?? "",
      authorized: socket.authorized,
      authorization: req.headers.authorization,
      version: req.headers["x-api-version"] as string | undefined,
      presented: fingerprints.indexOf(socket.getPeerCertificate().fingerprint256),
    });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: 200, data: { course: { referenceNumber: "TGS-2020000703", run: { id: 224596 } } }, meta: {}, error: {} }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function clientCertificate(commonName: string): Promise<LoopbackCertificate> {
  const pems = await generate([{ name: "commonName", value: commonName }], { keySize: 2048, algorithm: "sha256" });
  return { key: pems.private, cert: pems.cert };
}

function mtlsClient(certificateSecret: string, secrets = memorySecrets({ "ssg-client-certificate": certificateSecret })): SsgClient {
  return new SsgClient({
    baseUrl: url,
    authMode: "mtls",
    apiVersions: { sessions: "v1.5", courseRun: "v1.0", attendance: "v1.5" },
    limits: { attemptTimeoutMs: 2_000, deadlineMs: 5_000, maxAttempts: 2, baseDelayMs: 10, concurrency: 2 },
    secrets,
    ca: serverCert.cert,
  });
}

void describe("SSG over mutual TLS", () => {
  void it("presents the client certificate from the secret and sends no bearer token", async () => {
    seen.length = 0;
    const course = await mtlsClient(`${clientCert.key}\n${clientCert.cert}`).getCourseRun("224596");
    assert.equal(course.run.id, "224596");
    assert.deepEqual(seen, [{ path: "/courses/courseRuns/id/224596", authorized: true, authorization: undefined, version: "v1.0", presented: 0 }]);
  });

  void it("presents the renewed certificate once the secret changes", async () => {
    seen.length = 0;
    const secrets = memorySecrets({ "ssg-client-certificate": `${clientCert.key}\n${clientCert.cert}` });
    const client = mtlsClient("", secrets);
    await client.getCourseRun("224596");
    secrets.values["ssg-client-certificate"] = `${renewedCert.cert}\n${renewedCert.key}`;
    await client.getCourseRun("224596");
    assert.deepEqual(
      seen.map((s) => s.presented),
      [0, 1],
    );
  });

  void it("is refused by the server with a certificate it does not trust", async () => {
    seen.length = 0;
    await assert.rejects(mtlsClient(`${strangerCert.cert}\n${strangerCert.key}`).getCourseRun("224596"), Unavailable);
    assert.equal(seen.length, 0);
  });

  void it("fails clearly when the secret lacks the key, or pairs a key with another certificate", async () => {
    await assert.rejects(mtlsClient(clientCert.cert).getCourseRun("224596"), (e: unknown) => e instanceof ConfigurationError && /private key/.test(e.message));
    await assert.rejects(
      mtlsClient(`${clientCert.cert}\n${strangerCert.key}`).getCourseRun("224596"),
      (e: unknown) => e instanceof ConfigurationError && /does not match/.test(e.message) && !e.message.includes("PRIVATE KEY"),
    );
  });
});
