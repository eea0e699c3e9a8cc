// The SSG simulator as a certificate app sees it: HTTPS, API calls authenticated by client certificate.
import { it } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:https";
import { createLoopbackCertificate } from "../../simulators/kit/index.js";
import { startSsgSimulator } from "../../simulators/ssg/simulator.js";

function get(url: string, tls: { ca: string; key?: string; cert?: string }): Promise<{ status: number; body: { status: number } }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...tls, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { status: number } }));
    });
    req.on("error", reject);
    req.end();
  });
}

void it("accepts a trusted client certificate instead of a bearer token, and refuses others", async () => {
  const [client, stranger] = await Promise.all([createLoopbackCertificate(), createLoopbackCertificate()]);
  const ssg = await startSsgSimulator({ mtls: { clientCa: client.cert } });
  try {
    assert.match(ssg.url, /^https:/);
    const ca = ssg.ca ?? "";
    const url = `${ssg.url}/courses/courseRuns/id/224596`;
    assert.deepEqual((await get(url, { ca, key: client.key, cert: client.cert })).status, 200);
    assert.deepEqual((await get(url, { ca })).status, 401);
    const refused = await get(url, { ca, key: stranger.key, cert: stranger.cert });
    assert.deepEqual([refused.status, refused.body.status], [401, 401]);
  } finally {
    await ssg.stop();
  }
});
