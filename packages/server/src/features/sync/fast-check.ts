import type { FastifySchemaCompiler } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

// zod, compiled for the sync hot path. A push carries up to 2,000 events and each is checked twice
// (the envelope, then its kind's payload); zod's interpreter spent about 16 µs per event on it,
// more than storing the event. `compileCheck` turns a schema into a plain predicate for the subset
// of zod the sync schemas use. It is a fast path only: `true` means zod accepts the value and would
// return it unchanged; `false` means "ask zod", which then decides and words the error. So a
// construct it does not know (a transform, a refinement, a new kind's fancy schema) costs speed,
// never correctness: the schema compiles to null and zod checks it. Equivalence with zod is
// property-tested against the sync schemas (fast-check.test.ts).

export type Check = (value: unknown) => boolean;

/** What this compiler reads of zod 4's definitions (zod's own types for them are internal). */
interface Schema {
  _zod: {
    def: Def;
    optin?: 'optional' | 'defaulted';
    optout?: 'optional';
    check?: unknown;
  };
}
interface Def {
  type: string;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  coerce?: boolean;
  format?: string;
  pattern?: RegExp;
  shape?: Record<string, Schema>;
  catchall?: Schema;
  element?: Schema;
  options?: Schema[];
  inclusive?: boolean;
  discriminator?: string;
  innerType?: Schema;
  values?: unknown[];
  entries?: Record<string, unknown>;
  keyType?: Schema;
  valueType?: Schema;
  mode?: string;
}
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  length?: number;
  value?: unknown;
  inclusive?: boolean;
}

/** String formats whose whole check is their pattern (zod's $ZodStringFormat with no override). */
const PATTERN_FORMATS = new Set(['regex', 'uuid', 'guid', 'datetime', 'date']);

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * A pattern test that remembers the last string it accepted: a batch repeats its tablet, actors
 * and content ids in every event, and comparing equal strings costs less than matching a pattern.
 */
const testPattern = (p: RegExp): Check | null => {
  if (p.global || p.sticky) return null;
  let last: string | null = null;
  return (v) => {
    if (v === last) return true;
    if (!p.test(v as string)) return false;
    last = v as string;
    return true;
  };
};

/** The checks of a string, number or array schema as one predicate on a value of that type. */
function compileChecks(def: Def, self: Schema): Check[] | null {
  const out: Check[] = [];
  // A format schema (z.uuid(), z.iso.datetime()) is its own first check.
  if (def.format !== undefined) {
    if (!PATTERN_FORMATS.has(def.format) || !def.pattern) return null;
    const t = testPattern(def.pattern);
    if (!t) return null;
    out.push(t);
  } else if (self._zod.check) return null;
  for (const { _zod } of def.checks ?? []) {
    const c = _zod.def;
    const len = (v: unknown) => (v as { length: number }).length;
    switch (c.check) {
      case 'min_length': {
        const min = c.minimum as number;
        // zod counts a string's code points when its UTF-16 length is near the bound.
        out.push(
          (v) => len(v) >= 2 * min || (len(v) >= min && (typeof v !== 'string' || codePoints(v) >= min)),
        );
        break;
      }
      case 'max_length': {
        const max = c.maximum as number;
        out.push((v) => len(v) <= max);
        break;
      }
      case 'string_format': {
        if (!c.format || !PATTERN_FORMATS.has(c.format) || !c.pattern) return null;
        const t = testPattern(c.pattern);
        if (!t) return null;
        out.push(t);
        break;
      }
      case 'number_format':
        if (c.format !== 'safeint') return null;
        out.push((v) => Number.isSafeInteger(v));
        break;
      case 'greater_than': {
        const x = c.value;
        if (typeof x !== 'number') return null;
        out.push(c.inclusive ? (v) => (v as number) >= x : (v) => (v as number) > x);
        break;
      }
      case 'less_than': {
        const x = c.value;
        if (typeof x !== 'number') return null;
        out.push(c.inclusive ? (v) => (v as number) <= x : (v) => (v as number) < x);
        break;
      }
      default:
        return null; // refinements, transforms (trim, toLowerCase), multipleOf, …
    }
  }
  return out;
}

const all =
  (type: Check, checks: Check[]): Check =>
  (v) => {
    if (!type(v)) return false;
    for (const c of checks) if (!c(v)) return false;
    return true;
  };

/**
 * A plain object as JSON.parse makes them (zod would copy anything else into one). The checks take
 * JSON values only (parsed bodies and their parts), so symbol keys, which zod would drop, cannot
 * occur and are not looked for: that lookup allocated an array per object.
 */
const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.getPrototypeOf(v) === Object.prototype;
};
const hasOwn = Object.prototype.hasOwnProperty;
const isEnumerable = Object.prototype.propertyIsEnumerable;

function compile(schema: Schema): Check | null {
  const def = schema._zod.def;
  if (def.coerce) return null;
  // Only the types below carry checks here; anything else with checks goes to zod.
  const noChecks = !def.checks?.length;
  switch (def.type) {
    case 'string': {
      const checks = compileChecks(def, schema);
      return checks && all((v) => typeof v === 'string', checks);
    }
    case 'number': {
      const checks = compileChecks(def, schema);
      return checks && all((v) => typeof v === 'number' && Number.isFinite(v), checks);
    }
    case 'boolean':
      return noChecks ? (v) => typeof v === 'boolean' : null;
    case 'unknown':
    case 'any':
      return noChecks ? () => true : null;
    case 'literal':
    case 'enum': {
      if (!noChecks) return null;
      const values = def.type === 'literal' ? (def.values ?? []) : Object.values(def.entries ?? {});
      // Enums of strings only: zod drops the reverse mappings of numeric TypeScript enums.
      if (def.type === 'enum' && values.some((x) => typeof x !== 'string')) return null;
      const set = new Set(values);
      return (v) => set.has(v);
    }
    case 'optional':
    case 'nullable': {
      const inner = noChecks && def.innerType ? compile(def.innerType) : null;
      if (!inner) return null;
      const empty = def.type === 'optional' ? undefined : null;
      return (v) => v === empty || inner(v);
    }
    case 'array': {
      const checks = compileChecks(def, schema);
      const element = def.element ? compile(def.element) : null;
      if (!checks || !element) return null;
      return all((v) => {
        if (!Array.isArray(v)) return false;
        for (const x of v) if (!element(x)) return false;
        return true;
      }, checks);
    }
    case 'union': {
      // An exclusive union (z.xor) must match exactly one option: left to zod. A discriminated
      // union is exclusive too, but zod picks its one option by the (distinct) discriminator values.
      if (!noChecks || (def.inclusive === false && !def.discriminator) || !def.options?.length) return null;
      const options = def.options.map(compile);
      if (options.some((o) => o === null)) return null;
      const opts = options as Check[];
      return (v) => opts.some((o) => o(v));
    }
    case 'object':
      return noChecks ? compileObject(def) : null;
    case 'record': {
      if (!noChecks || def.mode === 'loose' || !def.keyType || !def.valueType) return null;
      // Keys of an enum or literal type make zod require each of them: left to zod.
      if (def.keyType._zod.def.type !== 'string') return null;
      const key = compile(def.keyType);
      const value = compile(def.valueType);
      if (!key || !value) return null;
      return (v) => {
        if (!isPlain(v)) return false;
        for (const k in v)
          if (k === '__proto__' || !hasOwn.call(v, k) || !key(k) || !value(v[k])) return false;
        return true;
      };
    }
    default:
      return null; // pipe, transform, default, intersection, tuple, date, …
  }
}

function compileObject(def: Def): Check | null {
  const keys = Object.keys(def.shape ?? {});
  if (Object.getOwnPropertySymbols(def.shape ?? {}).length || keys.includes('__proto__')) return null;
  const props: Array<{ key: string; check: Check; optional: boolean }> = [];
  for (const key of keys) {
    const el = (def.shape as Record<string, Schema>)[key] as Schema;
    const check = compile(el);
    if (!check) return null;
    // zod lets an absent key pass only when the schema is optional both ways (z.optional).
    props.push({ key, check, optional: el._zod.optin === 'optional' && el._zod.optout === 'optional' });
  }
  const known = new Set(keys);
  // No catchall (z.object) strips unknown keys, so the output would differ: only exact inputs pass.
  const catchType = def.catchall?._zod.def.type;
  const extra: Check | null =
    catchType === undefined || catchType === 'never' ? null : def.catchall ? compile(def.catchall) : null;
  if (catchType !== undefined && catchType !== 'never' && !extra) return null;
  return (v) => {
    if (!isPlain(v)) return false;
    let present = 0;
    for (const p of props) {
      if (hasOwn.call(v, p.key)) {
        if (!p.check(v[p.key])) return false;
        if (isEnumerable.call(v, p.key)) present++;
      } else if (!p.optional || p.key in v) return false;
    }
    // As many enumerable keys (own or inherited) as known ones present: none is unknown.
    let count = 0;
    for (const _ in v) count++;
    if (count === present) return true;
    for (const k in v) {
      // An own __proto__ key is dropped by zod (and refused by Fastify's JSON parser anyway).
      if (k === '__proto__' || !hasOwn.call(v, k)) return false;
      if (!known.has(k) && !extra?.(v[k])) return false;
    }
    return true;
  };
}

const compiled = new WeakMap<object, Check | null>();

/** A predicate for the schema, or null when it uses something only zod can check. */
export function compileCheck(schema: z.ZodType): Check | null {
  let c = compiled.get(schema);
  if (c === undefined) {
    c = compile(schema as unknown as Schema);
    compiled.set(schema, c);
  }
  return c;
}

/** zod's safeParse, with the compiled check in front for values that pass. */
export function safeParseFast<S extends z.ZodType>(
  schema: S,
  value: unknown,
): z.ZodSafeParseResult<z.output<S>> {
  const check = compileCheck(schema);
  return check?.(value)
    ? { success: true, data: value as z.output<S> }
    : (schema.safeParse(value) as z.ZodSafeParseResult<z.output<S>>);
}

/** Fastify's validator compiler for zod route schemas, with the compiled check in front. */
export const fastValidatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const slow = validatorCompiler(route);
  const check = compileCheck(route.schema);
  return check ? (data) => (check(data) ? { value: data } : slow(data)) : slow;
};

/** Fastify's serializer compiler for zod response schemas, with the compiled check in front. */
export const fastSerializerCompiler: typeof serializerCompiler = (route) => {
  const slow = serializerCompiler(route);
  const check = compileCheck(route.schema as z.ZodType);
  return check ? (data) => (check(data) ? JSON.stringify(data) : slow(data)) : slow;
};
