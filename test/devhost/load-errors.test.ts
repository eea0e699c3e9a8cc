// An app that cannot load, or registers something invalid, stops devhost with a clear message.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AppLoadError } from "../../devhost/src/index.js";
import { FIXTURE_APP, startFixture } from "./fixture.js";

const CLI = fileURLToPath(new URL("../../devhost/src/cli.ts", import.meta.url));

void describe("devhost load errors", () => {
  void it("rejects an app whose module throws, naming the file and the error", async () => {
    await assert.rejects(startFixture({ appDir: join(FIXTURE_APP, "broken-import") }), (error: unknown) => {
      assert.ok(error instanceof AppLoadError);
      assert.match(error.message, /Failed to load .*broken-import\/index\.js: configuration is missing/);
      return true;
    });
  });

  void it("rejects an invalid binding and a main glob that matches nothing", async () => {
    await assert.rejects(startFixture({ appDir: join(FIXTURE_APP, "bad-route") }), /Function 'broken': unbalanced braces in route "items\/\{id"/);
    await assert.rejects(startFixture({ appDir: join(FIXTURE_APP, "no-files") }), /matched no files .* build the app first/);
    await assert.rejects(startFixture({ appDir: join(FIXTURE_APP, "bad-schedule") }), /schedule "\* \* \* \* \*" is not a six-field NCRONTAB expression/);
  });

  void it("exits the CLI non-zero with the message alone", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", CLI, "--app", join(FIXTURE_APP, "bad-route"), "--port", "0", "--store", "memory"], {
      encoding: "utf8",
      timeout: 60000,
    });
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^devhost: Function 'broken': unbalanced braces/m);
    assert.doesNotMatch(result.stderr, /\n\s+at /, "no stack trace for a configuration error");
  });
});
