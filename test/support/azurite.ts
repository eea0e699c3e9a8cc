// Starts a private Azurite (blob, queue, table) for a test or the local sandbox, on free loopback ports.
// Each caller gets its own process so parallel test files never share storage state.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { createServer, connect } from "node:net";
import { dirname, join } from "node:path";

export interface AzuriteOptions {
  /** Folder for persistent data; absent = in memory (`--inMemoryPersistence`). */
  location?: string;
  /** Fixed ports (the local sandbox uses 10000-10002); absent = free ports. */
  blobPort?: number;
  queuePort?: number;
  tablePort?: number;
  /** Milliseconds to wait for the table endpoint to answer. */
  startTimeoutMs?: number;
}

export interface Azurite {
  connectionString: string;
  blobEndpoint: string;
  queueEndpoint: string;
  tableEndpoint: string;
  stop(): Promise<void>;
}

// Azurite's well-known development account: public, documented, and only valid against the emulator.
const ACCOUNT = "devstoreaccount1";
const ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const HOST = "127.0.0.1";

/** Asks the OS for a free port by listening on port 0, then releases it. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function azuriteEntry(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("azurite/package.json")), "dist", "src", "azurite.js");
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Azurite exited with code ${child.exitCode}: ${output()}`);
    if (await portAnswers(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Azurite table port ${port} did not answer within ${timeoutMs} ms: ${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  // The child is unref'd while it runs; waiting for its exit must keep this process alive.
  child.ref();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function startAzurite(opts: AzuriteOptions = {}): Promise<Azurite> {
  const blobPort = opts.blobPort ?? (await freePort());
  const queuePort = opts.queuePort ?? (await freePort());
  const tablePort = opts.tablePort ?? (await freePort());
  const storageArgs = opts.location ? ["--location", opts.location] : ["--inMemoryPersistence"];
  const args = [
    azuriteEntry(),
    ...storageArgs,
    "--skipApiVersionCheck",
    "--silent",
    "--loose",
    "--blobHost", HOST, "--blobPort", String(blobPort),
    "--queueHost", HOST, "--queuePort", String(queuePort),
    "--tableHost", HOST, "--tablePort", String(tablePort),
  ];
  // Through a wrapper that exits when our IPC channel closes, so Azurite dies with this process.
  const wrapper = fileURLToPath(new URL("./azurite-child.cjs", import.meta.url));
  const child = spawn(process.execPath, [wrapper, ...args], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
  // The channel must not keep this process alive on its own.
  child.unref();
  child.channel?.unref();
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  try {
    await waitForPort(tablePort, child, opts.startTimeoutMs ?? 20000, () => stderr);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const blobEndpoint = `http://${HOST}:${blobPort}/${ACCOUNT}`;
  const queueEndpoint = `http://${HOST}:${queuePort}/${ACCOUNT}`;
  const tableEndpoint = `http://${HOST}:${tablePort}/${ACCOUNT}`;
  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
    `BlobEndpoint=${blobEndpoint};QueueEndpoint=${queueEndpoint};TableEndpoint=${tableEndpoint};`;
  return { connectionString, blobEndpoint, queueEndpoint, tableEndpoint, stop: () => stopChild(child) };
}
