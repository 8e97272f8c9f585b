/**
 * A small typed JSON Schema builder and its validator, for the event catalogue. Each builder
 * returns the JSON Schema (draft 2020-12 / AsyncAPI Schema subset: type, enum, const, pattern,
 * format, minLength, properties, required, additionalProperties, items, anyOf) together with the
 * TypeScript type of the values it describes, so that the compiler checks a schema against the
 * event type it documents. Pure data, no I/O.
 */

/** The JSON Schema subset the builders write and `schemaErrors` checks. */
export interface JsonSchema {
  readonly type?: 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array';
  readonly description?: string;
  readonly enum?: readonly (string | number)[];
  readonly const?: string | number;
  readonly pattern?: string;
  readonly format?: 'date' | 'date-time' | 'uuid';
  readonly minLength?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: false;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
}

/** A schema of values of type T (T is only a compile-time mark; it is never present). */
export interface DataSchema<T> {
  readonly json: JsonSchema;
  /** invariant in T, so a schema for `{a}` is not taken for one of `{a, b}` or the reverse */
  readonly __value?: (value: T) => T;
}

interface AnySchema {
  readonly json: JsonSchema;
}

export type SchemaValue<S> = S extends DataSchema<infer T> ? T : never;

const schema = <T>(json: JsonSchema): DataSchema<T> => ({ json });

/** Non-empty text. */
export const text = (description?: string): DataSchema<string> =>
  schema({ type: 'string', minLength: 1, ...(description ? { description } : {}) });

/** Text matching a regular expression (e.g. the id pattern). */
export const matching = (pattern: RegExp, description?: string): DataSchema<string> =>
  schema({ type: 'string', pattern: pattern.source, ...(description ? { description } : {}) });

/** A calendar date, YYYY-MM-DD. */
export const calendarDate = (description?: string): DataSchema<string> =>
  schema({
    type: 'string',
    format: 'date',
    pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    ...(description ? { description } : {}),
  });

export const integer = (description?: string): DataSchema<number> =>
  schema({ type: 'integer', ...(description ? { description } : {}) });

export const numeric = (description?: string): DataSchema<number> =>
  schema({ type: 'number', ...(description ? { description } : {}) });

export const boolean = (description?: string): DataSchema<boolean> =>
  schema({ type: 'boolean', ...(description ? { description } : {}) });

/** One of a fixed list of codes (a vocabulary). */
export const oneOf = <const V extends readonly (string | number)[]>(
  values: V,
  description?: string,
): DataSchema<V[number]> =>
  schema({
    type: values.every((v) => typeof v === 'number') ? 'integer' : 'string',
    enum: [...values],
    ...(description ? { description } : {}),
  });

/** Exactly this value. */
export const constant = <const V extends string | number>(value: V): DataSchema<V> =>
  schema({ type: typeof value === 'number' ? 'integer' : 'string', const: value });

export const nullable = <T>(inner: DataSchema<T>): DataSchema<T | null> =>
  schema({ anyOf: [inner.json, { type: 'null' }] });

export const arrayOf = <T>(items: DataSchema<T>, description?: string): DataSchema<T[]> =>
  schema({ type: 'array', items: items.json, ...(description ? { description } : {}) });

/** An object with exactly these properties, all required (null where a value may be absent). */
export const object = <P extends Record<string, AnySchema>>(
  properties: P,
): DataSchema<{ [K in keyof P]: SchemaValue<P[K]> }> =>
  schema({
    type: 'object',
    properties: Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, s.json])),
    required: Object.keys(properties),
    additionalProperties: false,
  });

/**
 * What is wrong with `value` for `json`, as `path: problem` lines; empty when it conforms. Checks
 * exactly the subset above (`format: date` as a real calendar date).
 */
export function schemaErrors(json: JsonSchema, value: unknown, path = '$'): string[] {
  if (json.anyOf) {
    const branches = json.anyOf.map((branch) => schemaErrors(branch, value, path));
    return branches.some((errors) => errors.length === 0)
      ? []
      : [`${path}: matches none of ${json.anyOf.length} alternatives (${branches[0].join('; ')})`];
  }
  const errors: string[] = [];
  if (json.type !== undefined && !hasType(json.type, value)) {
    return [`${path}: expected ${json.type}, got ${describe(value)}`];
  }
  if (json.enum !== undefined && !json.enum.includes(value as string | number)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${json.enum.join(', ')}`);
  }
  if (json.const !== undefined && value !== json.const) {
    errors.push(`${path}: must be ${JSON.stringify(json.const)}`);
  }
  if (typeof value === 'string') {
    if (json.minLength !== undefined && value.length < json.minLength) {
      errors.push(`${path}: shorter than ${json.minLength}`);
    }
    if (json.pattern !== undefined && !new RegExp(json.pattern, 'u').test(value)) {
      errors.push(`${path}: does not match ${json.pattern}`);
    }
    if (json.format === 'date' && !isCalendarDate(value)) {
      errors.push(`${path}: not a calendar date`);
    }
  }
  if (json.type === 'object' && isRecord(value)) {
    for (const name of json.required ?? []) {
      if (!(name in value)) errors.push(`${path}.${name}: missing`);
    }
    for (const [name, child] of Object.entries(value)) {
      const property = json.properties?.[name];
      if (property) errors.push(...schemaErrors(property, child, `${path}.${name}`));
      else if (json.additionalProperties === false) errors.push(`${path}.${name}: not allowed`);
    }
  }
  if (json.type === 'array' && Array.isArray(value) && json.items) {
    const items = json.items;
    value.forEach((item, i) => errors.push(...schemaErrors(items, item, `${path}[${i}]`)));
  }
  return errors;
}

function hasType(type: NonNullable<JsonSchema['type']>, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    default:
      return typeof value === type;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

function isCalendarDate(value: string): boolean {
  const at = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === value;
}
