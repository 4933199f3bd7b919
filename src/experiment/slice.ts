// A slice is one stage's part of the experiment state, with its own codec to and from the URL.
// Every field needs a codec: `FieldCodecs<T>` is a mapped type over T's keys, so a field added to T
// without a codec (or a codec for a field T lacks) is a compile error, not a silently dropped setting.

export interface Slice<T> {
  /** Property name of this slice in the experiment state and in the encoded link. */
  key: string;
  defaults: T;
  encode(v: T): unknown;
  /** Never throws: each field that is missing or invalid falls back to its default. */
  decode(raw: unknown): T;
  fields: FieldCodecs<T>;
}

/** The numbers a number field accepts: the one statement of a setting's limits, read by the link and by the panel. */
export interface NumberRange {
  min: number;
  max: number;
  /** Whole numbers only. */
  int: boolean;
}

export interface FieldCodec<V> {
  encode(v: V): unknown;
  /** `undefined` means "not valid here": the caller falls back to the default. */
  decode(raw: unknown): V | undefined;
  /** Set by intField and numberField. */
  range?: NumberRange;
}

export type FieldCodecs<T> = { [K in keyof T]-?: FieldCodec<T[K]> };

export type SliceValue<S> = S extends Slice<infer T> ? T : never;

function isRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/**
 * Builds a slice from per-field codecs. Encoding writes only the fields that differ from the defaults,
 * which keeps shared links short; decoding starts from the defaults and overlays each valid field.
 */
export function defineSlice<T extends object>(key: string, defaults: T, fields: FieldCodecs<T>): Slice<T> {
  const names = Object.keys(fields) as (keyof T & string)[];
  return {
    key,
    defaults,
    fields,
    encode(v) {
      const out: Record<string, unknown> = {};
      for (const name of names) {
        const encoded = fields[name].encode(v[name]);
        if (JSON.stringify(encoded) !== JSON.stringify(fields[name].encode(defaults[name]))) out[name] = encoded;
      }
      return out;
    },
    decode(raw) {
      const out = { ...defaults };
      if (!isRecord(raw)) return out;
      for (const name of names) {
        if (!(name in raw)) continue;
        const value = fields[name].decode(raw[name]);
        if (value !== undefined) out[name] = value;
      }
      return out;
    },
  };
}

// Field codecs for the common kinds of setting. Each validates what a hand-edited link might carry.

export function stringField(maxLength = 200_000): FieldCodec<string> {
  return {
    encode: (v) => v,
    decode: (raw) => (typeof raw === 'string' && raw.length <= maxLength ? raw : undefined),
  };
}

export function intField(min: number, max: number): FieldCodec<number> {
  return {
    range: { min, max, int: true },
    encode: (v) => v,
    decode: (raw) => (typeof raw === 'number' && Number.isInteger(raw) && raw >= min && raw <= max ? raw : undefined),
  };
}

export function numberField(min: number, max: number): FieldCodec<number> {
  return {
    range: { min, max, int: false },
    encode: (v) => v,
    decode: (raw) => (typeof raw === 'number' && Number.isFinite(raw) && raw >= min && raw <= max ? raw : undefined),
  };
}

/** The limits of a slice's number field, for the panel that edits it (so the field and the link agree). */
export function rangeOf<T>(slice: Slice<T>, key: keyof T & string): NumberRange {
  const range = slice.fields[key].range;
  if (!range) throw new Error(`${slice.key}.${key} is not a number field`);
  return range;
}

export function boolField(): FieldCodec<boolean> {
  return { encode: (v) => v, decode: (raw) => (typeof raw === 'boolean' ? raw : undefined) };
}

export function enumField<const V extends string>(values: readonly V[]): FieldCodec<V> {
  return {
    encode: (v) => v,
    decode: (raw) => (typeof raw === 'string' && (values as readonly string[]).includes(raw) ? (raw as V) : undefined),
  };
}
