import type { GuardianSummary } from '@lawh/shared';
import type { Translate } from '../../i18n';
import type { Formatters } from '../../ui/format';
import { ltr } from '../../ui/format';

/**
 * The weekly summary as a plain text message for guardians (SMS, WhatsApp), in the language the
 * teacher picks. Plain text has no <bdi>, so every number, grade and date is wrapped in a
 * left-to-right isolate and every title or name in a first-strong isolate: in Arabic, "10/5"
 * stays "10/5" and a French title keeps its own order. "Not yet graded" has its own line and is
 * never counted as missing.
 */
export interface MessageOptions {
  t: Translate;
  f: Formatters;
  /** The Intl locale of the message, for the list separators ("، و" or ", et"). */
  intl: string;
  /** Arabic shows the Arabic name when the learner has one. */
  arabic: boolean;
}

const fsi = (s: string) => `\u2068${s}\u2069`;

export function guardianMessage(s: GuardianSummary, { t, f, intl, arabic }: MessageOptions): string {
  const list = new Intl.ListFormat(intl, { type: 'unit', style: 'short' });
  const join = (items: string[]) => (items.length ? list.format(items) : t('sms.none'));
  const n = (count: number) => ltr(f.num(count));
  const title = (x: { title: string }) => fsi(x.title);
  const name = arabic && s.learner.nameAr ? s.learner.nameAr : s.learner.name;
  const lines = [
    t('sms.heading', { name: fsi(name), from: ltr(f.date(s.from)), to: ltr(f.date(s.to)) }),
    t('sms.done', {
      n: n(s.done.length),
      list: join(s.done.map((x) => (x.score === null ? title(x) : `${title(x)} ${ltr(f.percent(x.score))}`))),
    }),
    t('sms.missing', { n: n(s.missing.length), list: join(s.missing.map(title)) }),
    t('sms.awaiting', { n: n(s.awaitingGrade.length), list: join(s.awaitingGrade.map(title)) }),
    t('sms.returned', {
      n: n(s.returned.length),
      list: join(
        s.returned.map((x) =>
          x.points !== null && x.maxPoints !== null
            ? `${title(x)} ${f.gradeText(x.points, x.maxPoints)}`
            : title(x),
        ),
      ),
    }),
    ...s.notes.map((note) => t('sms.note', { className: fsi(note.className), body: fsi(note.body) })),
  ];
  return lines.join('\n');
}
