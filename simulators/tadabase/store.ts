// The app's tables, fields and records. Table ids, record ids and field slugs are made here; the
// slugs start at a random number per instance so no client can get away with hard-coding them.
import { randomInt } from "node:crypto";
import { createRng } from "../kit/index.js";
import type { FieldDefinition, FieldType, TableDefinition } from "./schema.js";
import { acceptValue, emptyValue } from "./values.js";
import type { StoredValue } from "./values.js";

export interface Field {
  slug: string;
  name: string;
  type: FieldType;
  required: boolean;
  /** Table id of a Connection's target. */
  connectsTo?: string;
}

export type RecordValues = Record<string, StoredValue>;

export interface Table {
  id: string;
  name: string;
  fields: Field[];
  records: Map<string, RecordValues>;
}

export type WriteResult = { ok: true; id: string } | { ok: false; errors: Record<string, string[]> };

export class TadaBaseStore {
  private readonly byId = new Map<string, Table>();
  private readonly ids = createRng(randomInt(0, 2 ** 31));

  /** `fieldNumberStart` fixes the slugs (field_<start>, field_<start+1>…); absent = random start and gaps. */
  constructor(schema: TableDefinition[], fieldNumberStart?: number) {
    let n = fieldNumberStart ?? randomInt(20, 5000);
    const step = (): number => (fieldNumberStart === undefined ? randomInt(1, 4) : 1);
    const tables = schema.map((def) => ({ def, table: { id: this.ids.id(10), name: def.name, fields: [] as Field[], records: new Map() } }));
    const idOf = new Map(tables.map(({ table }) => [table.name, table.id]));
    for (const { def, table } of tables) {
      table.fields = def.fields.map((f: FieldDefinition) => {
        const field: Field = { slug: `field_${n}`, name: f.name, type: f.type, required: f.required ?? false };
        n += step();
        if (f.connectsTo !== undefined) {
          const target = idOf.get(f.connectsTo);
          if (target === undefined) throw new Error(`${def.name}.${f.name} connects to unknown table ${f.connectsTo}`);
          field.connectsTo = target;
        }
        return field;
      });
      this.byId.set(table.id, table);
    }
  }

  tables(): Table[] {
    return [...this.byId.values()];
  }

  table(id: string): Table | undefined {
    return this.byId.get(id);
  }

  tableByName(name: string): Table | undefined {
    return this.tables().find((t) => t.name === name);
  }

  clearRecords(): void {
    for (const t of this.byId.values()) t.records.clear();
  }

  /** Unknown keys are ignored, as TadaBase does; known ones are checked by type. */
  private validate(table: Table, input: Record<string, unknown>, creating: boolean): { values: RecordValues; errors: Record<string, string[]> } {
    const values: RecordValues = {};
    const errors: Record<string, string[]> = {};
    for (const field of table.fields) {
      if (!(field.slug in input)) {
        if (creating && field.required) errors[field.slug] = [`${field.name} is required.`];
        continue;
      }
      const target = field.connectsTo === undefined ? undefined : this.byId.get(field.connectsTo);
      const result = acceptValue(field.type, input[field.slug], (id) => target?.records.has(id) ?? false);
      if ("error" in result) errors[field.slug] = [result.error];
      else if (field.required && result.value === "") errors[field.slug] = [`${field.name} is required.`];
      else values[field.slug] = result.value;
    }
    return { values, errors };
  }

  create(table: Table, input: Record<string, unknown>, id?: string): WriteResult {
    const { values, errors } = this.validate(table, input, true);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    const recordId = id ?? this.ids.id(10);
    const full: RecordValues = Object.fromEntries(table.fields.map((f) => [f.slug, emptyValue(f.type)]));
    table.records.set(recordId, { ...full, ...values });
    return { ok: true, id: recordId };
  }

  update(table: Table, id: string, input: Record<string, unknown>): WriteResult {
    const current = table.records.get(id);
    if (current === undefined) return { ok: false, errors: {} };
    const { values, errors } = this.validate(table, input, false);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    table.records.set(id, { ...current, ...values });
    return { ok: true, id };
  }

  /** A record as the API returns it: its id, then every field by slug. */
  item(id: string, values: RecordValues): Record<string, unknown> {
    return { id, ...values };
  }

  /** Name → id and field name → slug, for tests and the admin API. */
  schema(): Record<string, { id: string; fields: Record<string, string> }> {
    return Object.fromEntries(this.tables().map((t) => [t.name, { id: t.id, fields: Object.fromEntries(t.fields.map((f) => [f.name, f.slug])) }]));
  }

  dump(): Record<string, unknown> {
    return Object.fromEntries(
      this.tables().map((t) => [
        t.name,
        { id: t.id, fields: t.fields, records: [...t.records].map(([id, values]) => this.item(id, values)) },
      ]),
    );
  }
}
