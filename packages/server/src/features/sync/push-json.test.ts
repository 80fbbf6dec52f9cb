import fc from 'fast-check';
import secureJson from 'secure-json-parse';
import { describe, expect, it } from 'vitest';
import { inPieces, parseJsonBody } from './push-json';
import { tabletBody } from './sync.fixtures';

/** What the whole parse of the same bytes gives: the value, or that it throws. */
const whole = (text: string) => {
  try {
    const decoded = Buffer.from(text).toString('utf8');
    return {
      value: secureJson.parse(decoded, undefined, { protoAction: 'error', constructorAction: 'error' }),
    };
  } catch {
    return { throws: true };
  }
};
const inParts = (text: string) => {
  try {
    return { value: parseJsonBody(Buffer.from(text), 0) };
  } catch {
    return { throws: true };
  }
};

const event = fc.record({
  id: fc.uuid(),
  deviceSeq: fc.nat(),
  // Newlines, quotes, brackets and non-ASCII text inside strings, which a separator must not split.
  text: fc.string({ unit: 'binary', maxLength: 30 }),
  answer: fc.jsonValue({ maxDepth: 2 }),
});
const pieces = fc.array(fc.array(event, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 });

describe('a push body parsed in pieces', () => {
  it('parses the tablet layout piece by piece, to what the whole parse gives', () => {
    fc.assert(
      fc.property(pieces, (ps) => {
        const text = tabletBody({ appVersion: '1.0.0', note: 'مرحبا\n' }, ps);
        // Prototype keys, which both parses refuse, are the next test's.
        fc.pre(!('throws' in whole(text)));
        const parsed = inPieces(Buffer.from(text));
        expect(parsed).not.toBeNull();
        expect(parsed).toEqual(JSON.parse(text));
        expect((parsed as { events: unknown[] }).events).toHaveLength(ps.flat().length);
      }),
      { numRuns: 200 },
    );
  });

  it('gives what the whole parse gives, or throws as it does, whatever is changed in the layout', () => {
    const mutation = fc.record({
      at: fc.nat(),
      drop: fc.nat(3),
      insert: fc.constantFrom('', ',', '\n', ',\n', '[', ']', '{', '}', '"', '\\', ' ', '1', '"events":['),
    });
    fc.assert(
      fc.property(pieces, fc.array(mutation, { minLength: 1, maxLength: 3 }), (ps, ms) => {
        let text = tabletBody({ appVersion: '1.0.0' }, ps);
        for (const m of ms) {
          const at = m.at % (text.length + 1);
          text = text.slice(0, at) + m.insert + text.slice(at + m.drop);
        }
        expect(inParts(text)).toEqual(whole(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves to the whole parse what only looks like the layout', () => {
    const cases = [
      // A stray comma before the close, and an empty piece.
      '{"status":{},"events":[\n{"a":1},\n]}',
      '{"status":{},"events":[\n{"a":1},\n,\n{"b":2}\n]}',
      // A separator inside an event.
      '{"status":{},"events":[\n{"a":1,\n"b":2}\n]}',
      // "events" that ends another key, and an earlier events key.
      '{"events":[],"x\\"events":[\n{"a":1}\n]}',
      '{"events":[0],"status":{},"events":[\n{"a":1},\n{"b":2}\n]}',
      // A prototype key in a piece: refused, as by the whole parse.
      '{"status":{},"events":[\n{"a":1},\n{"__proto__":{"x":1}}\n]}',
    ];
    for (const text of cases) expect(inParts(text), text).toEqual(whole(text));
    expect(inParts(cases[4]!)).toEqual({ value: { events: [{ a: 1 }, { b: 2 }], status: {} } });
    expect(inParts(cases[5]!)).toEqual({ throws: true });
  });

  it('parses a small body whole, and a large one of another layout whole', () => {
    const small = tabletBody({}, [[{ a: 1 }]]);
    expect(parseJsonBody(Buffer.from(small))).toEqual(JSON.parse(small));
    const large = JSON.stringify({
      events: Array.from({ length: 3000 }, (_, i) => ({ i, pad: 'é'.repeat(20) })),
    });
    expect(inPieces(Buffer.from(large))).toBeNull();
    expect(parseJsonBody(Buffer.from(large))).toEqual(JSON.parse(large));
  });
});
