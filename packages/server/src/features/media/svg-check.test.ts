import { describe, expect, it } from 'vitest';
import { checkSvg } from './svg-check';

const svg = (inner: string, attrs = '') =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"${attrs}>${inner}</svg>`);
const verdict = (b: Buffer) => {
  const v = checkSvg(b);
  return v.ok ? 'ok' : v.reason;
};

describe('SVG safety check', () => {
  it('accepts ordinary drawings: shapes, text, gradients, styles, comments and a DOCTYPE', () => {
    expect(
      verdict(svg('<rect width="10" height="10" fill="url(#g)"/><text x="1" y="9">Fès — 3 &lt; 4</text>')),
    ).toBe('ok');
    expect(
      verdict(
        svg('<style>.a{fill:red}</style><g class="a"><path d="M0 0L10 10"/></g>', ' viewBox="0 0 10 10"'),
      ),
    ).toBe('ok');
    expect(
      verdict(
        Buffer.from(
          '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- Inkscape -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg xmlns="http://www.w3.org/2000/svg"/>\n',
        ),
      ),
    ).toBe('ok');
    expect(verdict(svg('<a href="https://example.org/"><circle r="4"/></a>'))).toBe('ok');
  });

  it.each([
    ['a script element', svg('<script>alert(1)</script>')],
    ['a script in another namespace', svg('<svg:script>alert(1)</svg:script>')],
    ['an event handler', svg('<circle r="4" onload="alert(1)"/>')],
    ['an event handler on the root', svg('', ' onload="alert(1)"')],
    ['an event handler after a value holding ">"', svg('<rect title="a>b" onclick="x()"/>')],
    ['an event handler in single quotes', svg("<rect onmouseover='x()'/>")],
    ['a javascript: link', svg('<a href="javascript:alert(1)"><text>go</text></a>')],
    [
      'a javascript: link spelt with character references',
      svg('<a href="&#106;ava&#x73;cript:alert(1)">x</a>'),
    ],
    ['a javascript: link broken by a tab', svg('<a href="java\tscript:alert(1)">x</a>')],
    [
      'an animation that sets a javascript: link',
      svg('<a><animate attributeName="href" values="javascript:alert(1)"/></a>'),
    ],
    [
      'foreignObject carrying HTML',
      svg('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>'),
    ],
    ['an iframe', svg('<iframe src="https://example.org"/>')],
    [
      'an entity expansion (billion laughs)',
      Buffer.from('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg>&a;</svg>'),
    ],
    ['a CSS import', svg('<style>@import url(https://example.org/x.css);</style>')],
    [
      'an external stylesheet instruction',
      Buffer.from('<?xml-stylesheet href="https://example.org/x.css"?><svg></svg>'),
    ],
    ['markup too broken to read', svg('<rect width="10 onload=x()/>')],
  ])('refuses %s', (_, bytes) => {
    expect(verdict(bytes)).toBe('unsafe');
  });

  it('says "not an SVG" for other text, HTML and bytes that are not UTF-8', () => {
    expect(verdict(Buffer.from('hello'))).toBe('not_svg');
    expect(verdict(Buffer.from('<html><body><svg></svg></body></html>'))).toBe('not_svg');
    expect(verdict(Buffer.from('<svg><rect/>'))).toBe('not_svg');
    expect(verdict(Buffer.from([0x3c, 0x73, 0x76, 0x67, 0x20, 0xff, 0xfe, 0x3e]))).toBe('not_svg');
  });

  it('reads a 5 MB drawing, and megabytes of broken markup, in linear time', () => {
    const started = performance.now();
    expect(verdict(svg('<path d="M0 0 L10 10" stroke="#000"/>'.repeat(140_000)))).toBe('ok');
    expect(verdict(svg(`<rect${' abc=def'.repeat(250_000)}`))).toBe('unsafe');
    expect(verdict(svg(`<rect a="${'x'.repeat(2_000_000)}`))).toBe('unsafe');
    // Backtracking gone wrong takes minutes here; a generous bound keeps a busy machine from failing it.
    expect(performance.now() - started).toBeLessThan(4000);
  });
});
