import type { Assignment, StuckReason } from '@lawh/shared';
import type { Translate } from '../../i18n';
import { type Formatters, ltr } from '../../ui/format';

/** An assignment's name: a task's own title, or its lesson's or quiz's. */
export const assignmentTitle = (a: Assignment): string => a.title ?? a.contentTitle ?? '';

/** Why a learner is flagged, in a sentence the teacher can act on. */
export function stuckText(t: Translate, f: Formatters, r: StuckReason, titles: Map<string, string>): string {
  if (r.kind === 'wrong_answers')
    return t('insight.stuck.wrong', {
      title: `\u2068${titles.get(r.assignmentId) ?? ''}\u2069`,
      tally: ltr(f.fraction(r.correct, r.answered)),
    });
  return t(r.lastActivityAt === null ? 'insight.stuck.never' : 'insight.stuck.inactive', { days: r.days });
}
