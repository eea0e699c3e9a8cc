// Settings as Core Tools gathers them: the file's Values, the environment winning, %NAME% references.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSettings, resolveSettingRefs } from "../../devhost/src/settings.js";

void describe("devhost settings", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "devhost-settings-"));
    writeFileSync(join(dir, "local.settings.sample.json"), JSON.stringify({ Values: { A: "sample", B: "sample-b", N: 3 } }));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  void it("reads local.settings.json when present, else the sample, with the environment overriding", () => {
    assert.deepEqual(loadSettings(dir, undefined, { B: "env-b", OTHER: "x" }), { A: "sample", B: "env-b", N: "3" });
    writeFileSync(join(dir, "local.settings.json"), JSON.stringify({ Values: { A: "local" } }));
    assert.deepEqual(loadSettings(dir, undefined, {}), { A: "local" });
    assert.throws(() => loadSettings(dir, join(dir, "missing.json"), {}), /Cannot read settings file/);
  });

  void it("resolves %NAME% references and names the missing one", () => {
    assert.equal(resolveSettingRefs("0 */%MIN% * * * *", { MIN: "5" }, "x"), "0 */5 * * * *");
    assert.throws(() => resolveSettingRefs("%NOPE_DEVHOST_TEST%", {}, "Function 'f' schedule"), /Function 'f' schedule refers to %NOPE_DEVHOST_TEST%, which is not set/);
  });
});
