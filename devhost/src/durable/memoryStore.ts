// The in-memory store: the engine already keeps every instance in memory, so nothing needs writing.
// State is lost when devhost stops, which is what fast tests want.
import type { DurableStore } from "./model.js";

export function createMemoryStore(): DurableStore {
  const done = (): Promise<void> => Promise.resolve();
  return {
    open: () => Promise.resolve([]),
    saveState: done,
    loadHistory: () => Promise.resolve([]),
    putMessages: done,
    commitEpisode: done,
    deleteInstance: done,
    close: done,
  };
}
