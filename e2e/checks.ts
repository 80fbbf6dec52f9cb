import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * Checks any page can be put through: axe, the size of what a finger must hit, and whether the
 * page scrolls sideways. Each returns what it found so a test can print it when it fails.
 */

/** axe violations a person would be blocked by (impact serious or critical), one readable line each. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Only violations are read, so axe need not keep the details of every rule that passed.
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `[${v.impact}] ${v.id}: ${v.help}\n    at ${n.target.join(' ')}\n    ${n.failureSummary?.replace(/\n\s*/g, ' · ') ?? ''}`,
      ),
    );
}

export const MIN_TARGET = 44;

/**
 * Every visible interactive element at least 44×44 CSS px (WCAG 2.5.5, and what a child's finger
 * needs on a 10" tablet). Two kinds are exempt, as WCAG 2.5.8 allows:
 * - a link inside a sentence (an inline `a` in a `p`), whose size the line of text sets;
 * - a checkbox or radio whose label, which also toggles it, is at least 44 px high.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const describe = (el: Element) => {
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
      const id = el.id ? `#${el.id}` : '';
      const cls = el.classList.length ? `.${[...el.classList].join('.')}` : '';
      const type = el instanceof HTMLInputElement ? `[type=${el.type}]` : '';
      return `${el.tagName.toLowerCase()}${id}${cls}${type} "${name.slice(0, 40)}"`;
    };
    const visible = (el: Element) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return style.visibility !== 'hidden' && style.display !== 'none' && box.width > 0 && box.height > 0;
    };
    const inSentence = (el: Element) =>
      el.tagName === 'A' && getComputedStyle(el).display === 'inline' && !!el.parentElement?.closest('p');
    const labelBigEnough = (el: Element) => {
      if (!(el instanceof HTMLInputElement) || !['checkbox', 'radio'].includes(el.type)) return false;
      return [...(el.labels ?? [])].some((l) => l.getBoundingClientRect().height >= min);
    };
    const found: string[] = [];
    for (const el of document.querySelectorAll('a[href], button, input, select, textarea, [role=button]')) {
      if (!visible(el) || inSentence(el) || labelBigEnough(el)) continue;
      const { width, height } = el.getBoundingClientRect();
      // Rounding: a 44 px box can measure 43.99 after layout.
      if (width < min - 0.5 || height < min - 0.5)
        found.push(`${describe(el)} is ${width.toFixed(1)}×${height.toFixed(1)} px`);
    }
    return found;
  }, MIN_TARGET);
}

/** How far the page itself scrolls sideways (0 when it fits); tables scroll inside their .table-wrap. */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; widest: string[] }> {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const overflow = document.documentElement.scrollWidth - width;
    // Name the elements that stick out, to say what to fix.
    const widest = [...document.querySelectorAll('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return (
          r.width > 0 && (r.right > width + 1 || r.left < -1) && !el.closest('.table-wrap, .mainnav, .skip')
        );
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    return { overflow: overflow > 1 ? overflow : 0, widest };
  });
}

/**
 * How many pixels of a PNG are close to a colour, counted in the page: the browser decodes the
 * screenshot into a canvas, so no image library is needed in Node.
 */
export async function pixelsOfColour(
  page: Page,
  png: Buffer,
  rgb: [number, number, number],
  tolerance = 24,
): Promise<number> {
  return page.evaluate(
    async ({ data, rgb: [r, g, b], tolerance }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${data}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d canvas');
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (
          Math.abs(px[i]! - r) <= tolerance &&
          Math.abs(px[i + 1]! - g) <= tolerance &&
          Math.abs(px[i + 2]! - b) <= tolerance
        )
          n++;
      }
      return n;
    },
    { data: png.toString('base64'), rgb, tolerance },
  );
}

/** `rgb(216, 181, 106)` → [216, 181, 106]. */
export const parseRgb = (css: string): [number, number, number] => {
  const m = css.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)/);
  if (!m) throw new Error(`not an rgb colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};
