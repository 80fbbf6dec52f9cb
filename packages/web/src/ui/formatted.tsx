import { useFormat } from './format';

/**
 * Numbers, grades and dates as elements: each in a left-to-right isolate (`<bdi dir="ltr">`), so
 * Arabic around them cannot reorder "10/5" into "510" or "5/10". The strings come from format.ts.
 */

export function Grade({ points, max }: { points: number; max: number }) {
  const { grade } = useFormat();
  return (
    <bdi dir="ltr" class="num">
      {grade(points, max)}
    </bdi>
  );
}

export function Num({ value }: { value: number }) {
  const { num } = useFormat();
  return (
    <bdi dir="ltr" class="num">
      {num(value)}
    </bdi>
  );
}

export function Percent({ share }: { share: number }) {
  const { percent } = useFormat();
  return (
    <bdi dir="ltr" class="num">
      {percent(share)}
    </bdi>
  );
}

/** A calendar date (`withTime` adds the time), as a <time> with the ISO value for machines. */
export function DateText({ iso, withTime = false }: { iso: string; withTime?: boolean }) {
  const { date, dateTime } = useFormat();
  return (
    <bdi dir="ltr">
      <time dateTime={iso}>{withTime ? dateTime(iso) : date(iso)}</time>
    </bdi>
  );
}
