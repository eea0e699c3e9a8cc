// A Table property holds at most 64 KiB (32K UTF-16 characters) and an entity 1 MiB, so a JSON
// document is spread over numbered properties (`json`, `json1`, `json2`, ...) with their count.
import { InvalidInput } from "../errors.js";

const CHARS_PER_PROPERTY = 30_000;
// Stay well under the 1 MiB entity limit, leaving room for keys and other properties.
const MAX_PROPERTIES = 15;

export function toChunkedProperties(name: string, json: string): Record<string, string | number> {
  const count = Math.max(1, Math.ceil(json.length / CHARS_PER_PROPERTY));
  if (count > MAX_PROPERTIES) {
    throw new InvalidInput(`${name} too large to store (${json.length} characters, at most ${CHARS_PER_PROPERTY * MAX_PROPERTIES})`);
  }
  const out: Record<string, string | number> = { [`${name}Parts`]: count };
  for (let i = 0; i < count; i += 1) {
    out[i === 0 ? name : `${name}${i}`] = json.slice(i * CHARS_PER_PROPERTY, (i + 1) * CHARS_PER_PROPERTY);
  }
  return out;
}

export function fromChunkedProperties(name: string, entity: Readonly<Record<string, unknown>>): string {
  const partsValue = entity[`${name}Parts`];
  const parts = typeof partsValue === "number" ? partsValue : 1;
  let json = "";
  for (let i = 0; i < parts; i += 1) {
    const part = entity[i === 0 ? name : `${name}${i}`];
    if (typeof part !== "string") throw new Error(`stored ${name} is incomplete (part ${i} of ${parts} missing)`);
    json += part;
  }
  return json;
}
