// Entity Group Transactions: up to 100 actions on one partition, at most 4 MiB. Writes of many
// entities go in as few round trips as those limits allow.
import type { TransactionAction } from "@azure/data-tables";

const MAX_ACTIONS = 100;
const MAX_BATCH_CHARS = 2_000_000; // JSON characters: far below 4 MiB even as UTF-16

export function batchActions(actions: readonly TransactionAction[]): TransactionAction[][] {
  const batches: TransactionAction[][] = [];
  let current: TransactionAction[] = [];
  let size = 0;
  for (const action of actions) {
    const actionSize = JSON.stringify(action[1]).length;
    if (current.length > 0 && (current.length === MAX_ACTIONS || size + actionSize > MAX_BATCH_CHARS)) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(action);
    size += actionSize;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
