import { describe, expect, it } from 'vitest';
import { htmlToText, sanitiseRichText } from './content-sanitise';

describe('rich text sanitising', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)><circle/></svg>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href=" javascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<p onclick="alert(1)" style="background:url(javascript:alert(1))">x</p>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<style>body{display:none}</style>',
    '<form action="https://evil.example"><input name=p></form>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<scr<script>ipt>alert(1)</script>',
    '<<script>script>alert(1)<</script>/script>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<span style="color:red" class="x" id="y" data-x="1">t</span>',
    '<a href="//evil.example/x">x</a>',
  ];

  it.each(payloads)('nothing executable survives: %s', (payload) => {
    const out = sanitiseRichText(payload);
    expect(out).not.toMatch(
      /<script|<img|<svg|<iframe|<object|<embed|<style|<form|<input|<meta|<base|<math/i,
    );
    expect(out).not.toMatch(/\son\w+\s*=/i);
    expect(out).not.toMatch(/javascript:|vbscript:|data:/i);
    expect(out).not.toMatch(/style=|class=|id=|data-x=|src=/i);
    expect(out).not.toMatch(/href="\/\//);
  });

  it('keeps what the editor produces, with direction and language marks', () => {
    const html =
      '<h2 dir="rtl">الكسور</h2><p dir="rtl">نصف <bdi dir="ltr">1/2</bdi> و<span lang="fr" dir="ltr">une moitié</span></p>' +
      '<ul><li><strong>a</strong> <em>b</em> <u>c</u> <s>d</s></li></ul><ol><li>x</li></ol>' +
      '<blockquote>q</blockquote><h3>t</h3><p>1<br />2</p>';
    expect(sanitiseRichText(html)).toBe(html);
  });

  it('links keep http, https and mailto targets and always get rel="noopener"', () => {
    expect(sanitiseRichText('<a href="https://men.gov.ma" target="_blank">MEN</a>')).toBe(
      '<a href="https://men.gov.ma" rel="noopener">MEN</a>',
    );
    expect(sanitiseRichText('<a href="mailto:prof@example.ma" rel="opener">écrire</a>')).toBe(
      '<a href="mailto:prof@example.ma" rel="noopener">écrire</a>',
    );
    expect(sanitiseRichText('<a href="/admin">x</a>')).toBe('<a rel="noopener">x</a>');
  });

  it('drops a direction or language it does not know', () => {
    expect(sanitiseRichText('<p dir="sideways">x</p><span lang="fr&quot;onclick">y</span>')).toBe(
      '<p>x</p><span>y</span>',
    );
  });

  it('reads text back out of sanitised HTML for the index', () => {
    expect(htmlToText('<p>Tom &amp; Jerry&nbsp;&lt;3 &#1575;&#x644;</p>').trim()).toBe('Tom & Jerry <3 ال');
  });
});
