import type { GuardianSummary } from '@lawh/shared';
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/all';
import { formatters, stripBidi } from '../../ui/format';
import { guardianMessage } from './guardian-text';

const item = (assignmentId: string, title: string) => ({
  assignmentId,
  title,
  className: '5AP-A',
  kind: 'task' as const,
  dueAt: '2026-11-25T17:00:00.000Z',
});

const summary: GuardianSummary = {
  learner: { id: 'l1', name: 'Amine Bakkali', nameAr: 'أمين البقالي' },
  from: '2026-11-20T10:00:00.000Z',
  to: '2026-11-27T10:00:00.000Z',
  week: '2026-11-23',
  done: [{ ...item('q', 'Quiz des fractions'), kind: 'quiz', at: '2026-11-26T09:00:00.000Z', score: 0.8 }],
  missing: [item('m', 'Poème')],
  awaitingGrade: [{ ...item('w', 'Rédaction'), at: '2026-11-26T09:00:00.000Z', late: false }],
  returned: [{ ...item('r', 'Exercice 3'), at: '2026-11-26T12:00:00.000Z', points: 10, maxPoints: 5 }],
  notes: [
    { classId: 'c', className: '5AP-A', authorName: 'Salma Alaoui', body: 'Bon travail.', updatedAt: '' },
  ],
  writableClasses: [],
};

const build = (locale: 'ar' | 'fr') =>
  guardianMessage(summary, {
    t: translator(locale),
    f: formatters(locale === 'ar' ? 'ar-MA' : 'fr-MA'),
    intl: locale === 'ar' ? 'ar-MA' : 'fr-MA',
    arabic: locale === 'ar',
  });

describe('the guardians’ text message', () => {
  it('in Arabic: grades and dates in left-to-right isolates, Latin digits, the Arabic name', () => {
    const text = build('ar');
    const lines = text.split('\n');
    expect(lines[0]).toContain('أمين البقالي');
    expect(lines[0]).toContain('\u206620/11/2026\u2069');
    // 10/5 stays 10/5 inside Arabic, isolated, never "510" or "5/10".
    expect(text).toContain('\u206610/5\u2069');
    expect(stripBidi(text)).not.toMatch(/510|5\/10/);
    expect(text).not.toMatch(/[\u0660-\u0669]/);
    expect(text).toContain('\u206680%\u2069');
  });

  it('keeps "not yet graded" apart from "missing"', () => {
    const ar = build('ar').split('\n');
    const missing = ar.find((l) => l.startsWith('ناقص')) ?? '';
    const awaiting = ar.find((l) => l.startsWith('أُرسل ولم يُصحَّح بعد')) ?? '';
    expect(missing).toContain('Poème');
    expect(missing).not.toContain('Rédaction');
    expect(awaiting).toContain('Rédaction');
    const fr = stripBidi(build('fr'));
    expect(fr).toContain('Rendu, pas encore noté (1) : Rédaction');
    expect(fr).toContain('Manquant, date dépassée et non rendu (1) : Poème');
    expect(fr).toContain('Notes rendues (1) : Exercice 3 10/5');
    expect(fr).toContain('Mot de l’enseignant (5AP-A) : Bon travail.');
    expect(fr.split('\n')[0]).toBe('Lawh — Amine Bakkali, du 20 nov. 2026 au 27 nov. 2026');
  });

  it('says "none" for an empty line instead of leaving it blank', () => {
    const empty = { ...summary, done: [], missing: [], awaitingGrade: [], returned: [], notes: [] };
    const fr = stripBidi(
      guardianMessage(empty, { t: translator('fr'), f: formatters('fr-MA'), intl: 'fr-MA', arabic: false }),
    );
    expect(fr.split('\n')).toHaveLength(5);
    expect(fr).toContain('Manquant, date dépassée et non rendu (0) : rien');
  });
});
