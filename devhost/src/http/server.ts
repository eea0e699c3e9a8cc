// devhost's HTTP listeners: the public one (function routes and the Durable webhooks) and a private
// loopback one the SDK client calls through `rpcBaseUrl`, as the real host separates them.
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { DevhostLogger } from "../log.js";
import { errorMessage } from "../log.js";
import type { Exchange, Reply } from "./exchange.js";

export type Handler = (exchange: Exchange) => Promise<Reply>;

export class BodyTooLarge extends Error {
  override readonly name = "BodyTooLarge";
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, reply: Reply): void {
  res.statusCode = reply.status;
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  res.end(reply.body ?? "");
}

export interface Listener {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function listen(port: number, maxBodyBytes: number, handler: Handler, logger: DevhostLogger): Promise<Listener> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req, maxBodyBytes);
        const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
        send(res, await handler({ method: (req.method ?? "GET").toUpperCase(), url, headers: req.headers, body }));
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          res.setHeader("connection", "close");
          send(res, { status: 413 });
          return;
        }
        logger.log("error", `devhost: request ${req.method ?? ""} ${req.url ?? ""} failed: ${errorMessage(error)}`);
        if (!res.headersSent) send(res, { status: 500 });
        else res.end();
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
