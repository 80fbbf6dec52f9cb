import {
  deviceStatusReport,
  EVENT_KINDS,
  eventPayloads,
  pullRequest,
  pullResponse,
  pushRequest,
  pushResponse,
  syncEvent,
} from '@lawh/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileCheck, safeParseFast } from './fast-check';

// The compiled checks stand in for zod on the sync hot path, so they must never accept what zod
// refuses, nor accept a value zod would change. Values here are valid wire data with random
// damage: a key dropped or added, a value swapped for an awkward one.

const idArb = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,64}$/);
const isoArb = fc
  .tuple(
    fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
    fc.constantFrom('Z', '+02:00', '-11:30', '.123Z', '.5+01:00'),
  )
  .map(([d, tail]) => d.toISOString().slice(0, 19) + tail);
const version = fc.integer({ min: 1, max: 5 });
const ref = { contentId: idArb, version };
const answerArb = fc.oneof(
  fc.record({ type: fc.constant('singleChoice'), optionId: idArb }),
  fc.record({ type: fc.constant('multipleChoice'), optionIds: fc.array(idArb, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('trueFalse'), value: fc.boolean() }),
  fc.record({ type: fc.constant('ordering'), order: fc.array(idArb, { maxLength: 4 }) }),
  fc.record({
    type: fc.constant('matching'),
    pairs: fc.array(fc.record({ left: idArb, right: idArb }), { maxLength: 3 }),
  }),
  fc.record({ type: fc.constant('numeric'), text: fc.string({ maxLength: 100 }) }),
  fc.record({ type: fc.constant('shortText'), text: fc.string({ maxLength: 500, unit: 'grapheme' }) }),
);
const score = fc.oneof(fc.constantFrom(0, 1, 0.5), fc.double({ min: 0, max: 1, noNaN: true }));
const count = fc.integer({ min: 0, max: 100 });
const payloadArbs: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'lesson.opened': fc.record(ref),
  'lesson.completed': fc.record({ ...ref, durationMs: count }),
  'quiz.answered': fc.record({
    ...ref,
    itemId: idArb,
    answer: answerArb,
    correct: fc.boolean(),
    score,
    attempt: fc.integer({ min: 1, max: 9 }),
    hintsUsed: count,
  }),
  'quiz.completed': fc.record({ ...ref, score, correct: count, answered: count, mastered: fc.boolean() }),
};
const kindArb = fc.constantFrom(...Object.keys(payloadArbs));
const eventArb = kindArb.chain((kind) =>
  fc.record({
    id: fc.uuid({ version: 7 }),
    deviceId: idArb,
    deviceSeq: fc.integer({ min: 1, max: 2 ** 40 }),
    actorId: idArb,
    kind: fc.constant(kind),
    v: fc.constant(1),
    clientTs: isoArb,
    payload: payloadArbs[kind] as fc.Arbitrary<Record<string, unknown>>,
  }),
);
const statusArb = fc.record({
  appVersion: fc.constantFrom('0.1.0', '1.12.3'),
  freeStorageBytes: fc.option(fc.nat(), { nil: null }),
  usedStorageBytes: fc.option(fc.nat(), { nil: null }),
  outboxCount: fc.nat(),
});
const pushArb = fc.record({ events: fc.array(eventArb, { maxLength: 5 }), status: statusArb });
const scopeArb = fc.stringMatching(/^[a-z]{1,8}:[A-Za-z0-9_.:-]{1,20}$/);
const cursorArb = fc.dictionary(scopeArb, fc.nat(), { maxKeys: 5 });
const pullResponseArb = fc.record({
  changes: fc.array(
    fc.record(
      {
        seq: fc.integer({ min: 1, max: 1e9 }),
        scope: scopeArb,
        entity: fc.constantFrom('school', 'progress', 'learner'),
        key: fc.string(),
        op: fc.constantFrom('put', 'del'),
        data: fc.jsonValue(),
      },
      { requiredKeys: ['seq', 'scope', 'entity', 'key', 'op'] },
    ),
    { maxLength: 4 },
  ),
  cursor: cursorArb,
  hasMore: fc.boolean(),
  removedScopes: fc.array(scopeArb, { maxLength: 2 }),
  minAppVersion: fc.constant('0.1.0'),
});

/** Awkward values: near the bounds of the sync schemas, of the wrong type, or not JSON at all. */
const awkward = fc.oneof(
  fc.constantFrom<unknown>(
    '',
    'a'.repeat(64),
    'a'.repeat(65),
    '\u{1F600}'.repeat(33), // 66 UTF-16 units, 33 code points
    '\u{1F600}',
    'x y',
    '2026-02-29T10:00:00Z',
    '2028-02-29T10:00:00Z',
    '2026-11-27T10:00:00',
    '2026-11-27 10:00:00Z',
    '0197a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    '0197A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B',
    '0197a1b2-c3d4-9e5f-8a9b-0c1d2e3f4a5b',
    'learner:abc',
    'Learner:abc',
    '0.1.0',
    '0.1',
    0,
    -1,
    1,
    0.5,
    1.0000001,
    2 ** 53,
    2 ** 53 - 1,
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    true,
    null,
    undefined,
    [],
    {},
    { type: 'trueFalse' },
    new Date(0),
    Object.create(null),
    Object.create({ inherited: 1 }),
  ),
  fc.jsonValue(),
  fc.anything(),
);

type Path = Array<string | number>;
function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) for (const [i, x] of v.entries()) paths(x, [...at, i], out);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}
/** A copy of `v` with one change at `path`: replaced, removed, or given an extra key. */
function damage(v: unknown, path: Path, how: 'set' | 'delete' | 'extra', x: unknown): unknown {
  if (path.length === 0) {
    if (how === 'extra' && v && typeof v === 'object' && !Array.isArray(v)) return { ...v, extra: x };
    return how === 'delete' ? undefined : x;
  }
  const [head, ...rest] = path as [string | number, ...Path];
  const copy: Record<string | number, unknown> | unknown[] = Array.isArray(v)
    ? [...v]
    : { ...(v as Record<string, unknown>) };
  const inner = damage((v as Record<string | number, unknown>)[head], rest, how, x);
  if (how === 'delete' && rest.length === 0) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head];
  } else (copy as Record<string | number, unknown>)[head] = inner;
  return copy;
}
const damaged = <T>(valid: fc.Arbitrary<T>) =>
  valid.chain((v) =>
    fc
      .tuple(
        fc.constantFrom(...paths(v)),
        fc.constantFrom('set' as const, 'delete' as const, 'extra' as const),
        awkward,
      )
      .map(([p, how, x]) => damage(v, p, how, x)),
  );

/** Never more permissive than zod, and what passes is exactly what zod returns. */
function agrees(schema: z.ZodType, value: unknown): void {
  const check = compileCheck(schema);
  if (!check) throw new Error('the schema did not compile');
  const zod = schema.safeParse(value);
  if (check(value)) {
    expect(zod.success).toBe(true);
    expect(zod.data).toStrictEqual(value);
  }
}

/** As the server receives it: through JSON (fast-check also makes null-prototype objects). */
const wire = (a: fc.Arbitrary<unknown>) => a.map((v) => JSON.parse(JSON.stringify(v)) as unknown);

const cases: Array<[string, z.ZodType, fc.Arbitrary<unknown>]> = [
  ['pushRequest', pushRequest, pushArb],
  ['syncEvent', syncEvent, eventArb],
  ['deviceStatusReport', deviceStatusReport, statusArb],
  ['pullRequest', pullRequest, fc.record({ cursor: cursorArb })],
  ['pullResponse', pullResponse, pullResponseArb],
  [
    'pushResponse',
    pushResponse,
    fc.record({ ackedSeq: fc.nat(), quarantined: fc.nat(), minAppVersion: fc.constant('0.1.0') }),
  ],
  ...Object.entries(payloadArbs).map(([kind, arb]): [string, z.ZodType, fc.Arbitrary<unknown>] => [
    kind,
    (eventPayloads as Record<string, Record<number, z.ZodType>>)[kind]?.[1] as z.ZodType,
    arb,
  ]),
];

describe('compiled checks of the sync schemas', () => {
  it.each(cases)('%s: valid wire data takes the fast path', (_, schema, valid) => {
    fc.assert(
      fc.property(wire(valid), (v) => {
        expect(schema.safeParse(v).success).toBe(true);
        expect(compileCheck(schema)?.(v)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each(cases)('%s: damaged data is never accepted where zod refuses or changes it', (_, schema, valid) => {
    fc.assert(
      fc.property(damaged(wire(valid)), (v) => agrees(schema, v)),
      { numRuns: 1500 },
    );
  });

  it('agrees with zod on arbitrary values', () => {
    fc.assert(
      fc.property(awkward, (v) => {
        for (const [, schema] of cases) agrees(schema, v);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with zod on the other constructs it compiles', () => {
    const schemas = [
      z.number(),
      z.number().int().min(-1).lt(3),
      z.string().min(2).max(3),
      z.array(z.number()).min(1).max(2),
      z.record(z.string().regex(/^a/), z.number()),
      z.strictObject({ a: z.string().optional(), b: z.unknown() }),
      z.looseObject({ a: z.number().nullable() }),
      z.object({ a: z.boolean() }),
      z.literal(['a', 1, null]),
      z.enum(['x', 'y']),
      z.union([z.string(), z.number()]),
    ];
    const small = fc.oneof(
      awkward,
      fc.constantFrom<unknown>('ab', 'abc', '\u{1F600}', '\u{1F600}\u{1F600}', 'x', 'a', 1, 2, 3, -1, -2),
      fc.array(fc.oneof(fc.integer(), awkward), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom('a', 'ab', 'b', 'z'), fc.oneof(fc.integer(), awkward), {
        noNullPrototype: true,
      }),
    );
    for (const schema of schemas) expect(compileCheck(schema)).not.toBeNull();
    fc.assert(
      fc.property(small, (v) => {
        for (const schema of schemas) agrees(schema, v);
      }),
      { numRuns: 3000 },
    );
  });

  it('counts only enumerable keys: a hidden known key does not make room for an unknown one', () => {
    const check = compileCheck(z.object({ a: z.number(), b: z.number() })) as (v: unknown) => boolean;
    const v: Record<string, unknown> = { a: 1, c: 2 };
    Object.defineProperty(v, 'b', { value: 3, enumerable: false });
    expect(check(v)).toBe(false);
    expect(check({ a: 1, b: 3 })).toBe(true);
  });

  it('leaves to zod what it cannot compile, and zod still decides', () => {
    // A transform and a refinement: the output would differ, or a rule is hidden in a function.
    const trimmed = z.strictObject({ name: z.string().trim().min(1) });
    const refined = z.string().refine((s) => s !== 'no');
    expect(compileCheck(trimmed)).toBeNull();
    expect(compileCheck(refined)).toBeNull();
    expect(safeParseFast(trimmed, { name: ' a ' })).toEqual({ success: true, data: { name: 'a' } });
    expect(safeParseFast(refined, 'no').success).toBe(false);
    // A plain object strips unknown keys: a value with one goes to zod, which strips it.
    const stripping = z.object({ a: z.number() });
    expect(compileCheck(stripping)?.({ a: 1, b: 2 })).toBe(false);
    expect(safeParseFast(stripping, { a: 1, b: 2 })).toEqual({ success: true, data: { a: 1 } });
  });

  it('compiles every event kind it can, and the others fall back to zod', () => {
    for (const kind of EVENT_KINDS)
      for (const schema of Object.values(
        (eventPayloads as Record<string, Record<number, z.ZodType>>)[kind] ?? {},
      ))
        if (kind in payloadArbs) expect(compileCheck(schema), kind).not.toBeNull();
  });
});
