#!/usr/bin/env node
// Thin launcher so the bin link exists before the first build; the CLI itself is compiled TypeScript.
import("../dist/cli.js").catch((error) => {
  if (error && error.code === "ERR_MODULE_NOT_FOUND") {
    console.error("devhost is not built yet: run `npm run build` first.");
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
