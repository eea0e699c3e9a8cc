// Durable scenarios on the in-memory store.
import { durableSuite } from "./durableSuite.js";

durableSuite("memory", () => ({}));
