// One sync per course run at a time, enforced atomically: a run's lock is an entity that only one
// sync can create (a second insert fails with 409). Holders that died (terminated, crashed) are
// replaced with an ETag-guarded takeOver, so two starters can never both win.
import { z } from "zod";
import { isNotFound } from "./lazy-table.js";
import type { LazyTable } from "./lazy-table.js";
import { tableKey } from "./table-keys.js";

const PARTITION = "run";
const lockSchema = z.object({ syncId: z.string(), claimedAt: z.string(), etag: z.string() });
const statusSchema = z.object({ statusCode: z.number() });

export type ClaimResult = { claimed: true } | { claimed: false; holder: string; claimedAt: string };

function hasStatus(error: unknown, status: number): boolean {
  const parsed = statusSchema.safeParse(error);
  return parsed.success && parsed.data.statusCode === status;
}

export class SyncLocks {
  constructor(
    private readonly table: LazyTable,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Claims the run for `syncId`, or says which sync holds it. Claiming again for the holder succeeds. */
  async claim(runId: string, syncId: string): Promise<ClaimResult> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const created = await this.table.run("claim run", async (client) => {
        try {
          await client.createEntity({ partitionKey: PARTITION, rowKey: tableKey(runId), syncId, claimedAt: this.now().toISOString() });
          return true;
        } catch (error) {
          if (hasStatus(error, 409)) return false;
          throw error;
        }
      });
      if (created) return { claimed: true };
      const lock = await this.read(runId);
      if (lock) return lock.syncId === syncId ? { claimed: true } : { claimed: false, holder: lock.syncId, claimedAt: lock.claimedAt };
      // Released between our insert and our read: try again.
    }
    throw new Error(`could not claim run ${runId}: the lock kept changing`);
  }

  /** Replaces a holder known to be finished; false when another sync got there first. */
  async takeOver(runId: string, staleHolder: string, syncId: string): Promise<boolean> {
    const lock = await this.read(runId);
    if (!lock) return (await this.claim(runId, syncId)).claimed;
    if (lock.syncId !== staleHolder) return lock.syncId === syncId;
    return this.table.run("take over run", async (client) => {
      try {
        const entity = { partitionKey: PARTITION, rowKey: tableKey(runId), syncId, claimedAt: this.now().toISOString() };
        await client.updateEntity(entity, "Replace", { etag: lock.etag });
        return true;
      } catch (error) {
        if (hasStatus(error, 412) || isNotFound(error)) return false;
        throw error;
      }
    });
  }

  /** Frees the run if `syncId` still holds it; safe to call twice. */
  async release(runId: string, syncId: string): Promise<void> {
    const lock = await this.read(runId);
    if (lock?.syncId !== syncId) return;
    await this.table.run("release run", async (client) => {
      try {
        await client.deleteEntity(PARTITION, tableKey(runId), { etag: lock.etag });
      } catch (error) {
        if (!hasStatus(error, 412) && !isNotFound(error)) throw error;
      }
    });
  }

  /** The sync holding the run, if any. */
  async holder(runId: string): Promise<string | undefined> {
    return (await this.read(runId))?.syncId;
  }

  private read(runId: string): Promise<z.infer<typeof lockSchema> | undefined> {
    return this.table.run("read run lock", async (client) => {
      try {
        return lockSchema.parse(await client.getEntity(PARTITION, tableKey(runId)));
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    });
  }
}
