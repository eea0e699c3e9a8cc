// A real HTTP server on loopback that answers from a script, to test clients against misbehaviour:
// each request takes the next step (the last step repeats). Records every request with its time.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Step =
  | { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number }
  | { hang: true }
  | { reset: true };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  at: number;
}

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Most requests in flight at once so far. */
  maxInFlight(): number;
  script(steps: Step[]): void;
  stop(): Promise<void>;
}

export async function startScriptedServer(initial: Step[] = [{ status: 200, body: { ok: true } }]): Promise<ScriptedServer> {
  let steps = initial;
  let index = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      const step = steps[Math.min(index, steps.length - 1)] ?? { status: 200 };
      index += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on("close", () => {
        inFlight -= 1;
        hanging.delete(res);
      });
      if ("hang" in step) {
        hanging.add(res);
        return;
      }
      if ("reset" in step) {
        req.socket.destroy();
        return;
      }
      const send = (): void => {
        const body = step.body === undefined ? "" : typeof step.body === "string" ? step.body : JSON.stringify(step.body);
        res.writeHead(step.status, { "content-type": typeof step.body === "string" ? "text/plain" : "application/json", ...step.headers });
        res.end(body);
      };
      if (step.delayMs) setTimeout(send, step.delayMs);
      else send();
    });
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    maxInFlight: () => maxInFlight,
    script(next) {
      steps = next;
      index = 0;
    },
    async stop() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
