// Azure Table keys refuse / \ # ? and control characters and are limited to 1 KiB. Keys we derive
// from partner ids are escaped reversibly (~XX), and very long ones are replaced by their hash.
import { createHash } from "node:crypto";

// eslint-disable-next-line no-control-regex -- control characters are exactly what Table keys refuse
const UNSAFE = /[~/\\#?\u0000-\u001f\u007f-\u009f]/g;
const MAX_PLAIN_KEY = 512;

export function tableKey(value: string): string {
  const escaped = value.replace(UNSAFE, (c) => `~${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return escaped.length <= MAX_PLAIN_KEY ? escaped : `sha256~${createHash("sha256").update(value).digest("hex")}`;
}
