import type { GuardianSummary, Locale } from '@lawh/shared';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { intlLocale, loadCatalogue, makeTranslator } from '../../i18n';
import {
  rejectionText,
  type SendResult,
  sendTeacherEvent,
  usePendingTeacherEvents,
} from '../../teacher/outbox';
import { formatters, ltr, useFormat } from '../../ui/format';
import { DateText, Grade, Percent } from '../../ui/formatted';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { guardianMessage } from './guardian-text';

/**
 * `/learners/:id/summary`: the guardians' weekly summary. Printable (print CSS hides the rest of
 * the app and the controls), and copied as a text message in Arabic or French.
 */
export function GuardianSummaryPage({ id }: { id: string }) {
  const { t, locale } = useApp();
  const f = useFormat();
  const res = useFetch<GuardianSummary>(`/api/v1/learners/${id}/guardian-summary`);
  const s = res.data;
  if (!s)
    return res.error ? (
      <Page title={t('insight.summaryShort')}>
        <Notice kind="error">{res.error.message}</Notice>
      </Page>
    ) : (
      <Spinner label={t('app.loading')} />
    );
  const name = locale === 'ar' && s.learner.nameAr ? s.learner.nameAr : s.learner.name;
  const item = (x: { title: string; className: string }) => (
    <>
      <bdi>{x.title}</bdi> <span class="muted">({<bdi>{x.className}</bdi>})</span>
    </>
  );
  return (
    <Page
      title={t('summary.title', { name })}
      actions={
        <>
          <button type="button" class="primary no-print" onClick={() => window.print()}>
            {t('summary.print')}
          </button>
          <Link href={`/learners/${id}/progress`} class="button no-print">
            {t('insight.progressLink')}
          </Link>
        </>
      }
    >
      <div class="guardian-summary">
        <p class="summary-period">
          {t('summary.period', { from: ltr(f.date(s.from)), to: ltr(f.date(s.to)) })}
        </p>
        <SummaryList id="done" title={t('summary.done')} count={s.done.length}>
          {s.done.map((x) => (
            <li key={x.assignmentId}>
              {item(x)} {x.score !== null && <Percent share={x.score} />} — <DateText iso={x.at} />
            </li>
          ))}
        </SummaryList>
        <SummaryList id="missing" title={t('summary.missing')} count={s.missing.length}>
          {s.missing.map((x) => (
            <li key={x.assignmentId}>
              {item(x)} {x.dueAt && <>— {t('summary.dueOn', { date: ltr(f.date(x.dueAt)) })}</>}
            </li>
          ))}
        </SummaryList>
        <SummaryList id="awaiting" title={t('summary.awaiting')} count={s.awaitingGrade.length}>
          {s.awaitingGrade.map((x) => (
            <li key={x.assignmentId}>
              {item(x)} — <DateText iso={x.at} />
              {x.late && <> ({t('summary.sentLate')})</>}
            </li>
          ))}
        </SummaryList>
        <SummaryList id="returned" title={t('summary.returned')} count={s.returned.length}>
          {s.returned.map((x) => (
            <li key={x.assignmentId}>
              {item(x)}{' '}
              {x.points !== null && x.maxPoints !== null && <Grade points={x.points} max={x.maxPoints} />}
            </li>
          ))}
        </SummaryList>
        <section aria-labelledby="summary-notes">
          <h2 id="summary-notes">{t('summary.notes')}</h2>
          {s.notes.length === 0 ? (
            <p>{t('summary.noNotes')}</p>
          ) : (
            <ul>
              {s.notes.map((n) => (
                <li key={n.classId}>
                  <bdi>{n.authorName}</bdi> (<bdi>{n.className}</bdi>): <span dir="auto">{n.body}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {s.writableClasses.map((c) => (
        <NoteEditor
          key={`${c.id}-${s.week}`}
          learnerId={id}
          week={s.week}
          cls={c}
          initial={s.notes.find((n) => n.classId === c.id)?.body ?? ''}
          onSaved={res.reload}
        />
      ))}
      <MessageBox summary={s} initial={locale === 'ar' ? 'ar' : 'fr'} />
    </Page>
  );
}

function SummaryList({
  id,
  title,
  count,
  children,
}: {
  id: string;
  title: string;
  count: number;
  children: ComponentChildren;
}) {
  const { t } = useApp();
  const { num } = useFormat();
  return (
    <section aria-labelledby={`summary-${id}`} data-summary={id}>
      <h2 id={`summary-${id}`}>
        {title} <span class="badge">{num(count)}</span>
      </h2>
      {count === 0 ? <p>{t('summary.none')}</p> : <ul>{children}</ul>}
    </section>
  );
}

function NoteEditor({
  learnerId,
  week,
  cls,
  initial,
  onSaved,
}: {
  learnerId: string;
  week: string;
  cls: { id: string; title: string };
  initial: string;
  onSaved: () => void;
}) {
  const { t } = useApp();
  const [body, setBody] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<SendResult | null>(null);
  // A note saved offline and not sent yet: shown as waiting, whatever the server still holds.
  const pending = usePendingTeacherEvents('guardianNote.saved').some(
    (e) => e.payload.learnerId === learnerId && e.payload.classId === cls.id && e.payload.week === week,
  );
  const fieldId = `note-${cls.id}`;
  return (
    <form
      class="note-editor no-print"
      onSubmit={async (e) => {
        e.preventDefault();
        setSaving(true);
        // Through the teacher outbox: saved on the device first, so a note written offline is sent later.
        const r = await sendTeacherEvent('guardianNote.saved', 1, { learnerId, classId: cls.id, week, body });
        setSaving(false);
        setOutcome(r);
        if (r.status === 'applied') onSaved();
      }}
    >
      <div class="field">
        <label for={fieldId}>{t('summary.noteFor', { className: cls.title })}</label>
        <textarea
          id={fieldId}
          dir="auto"
          rows={3}
          maxLength={600}
          value={body}
          aria-describedby={`${fieldId}-hint`}
          onInput={(e) => setBody((e.target as HTMLTextAreaElement).value)}
        />
        <small id={`${fieldId}-hint`}>{t('summary.noteHint')}</small>
      </div>
      <button type="submit" disabled={saving}>
        {t('summary.saveNote')}
      </button>
      {outcome?.status === 'applied' && <Notice kind="success">{t('summary.noteSaved')}</Notice>}
      {(outcome?.status === 'pending' || (pending && outcome?.status !== 'applied')) && (
        <Notice kind="info">{t('summary.noteQueued')}</Notice>
      )}
      {outcome?.status === 'rejected' && <Notice kind="error">{rejectionText(t, outcome)}</Notice>}
    </form>
  );
}

/** The summary as a text message in Arabic or French, built from that language's catalogue. */
function MessageBox({ summary, initial }: { summary: GuardianSummary; initial: 'ar' | 'fr' }) {
  const { t } = useApp();
  const [lang, setLang] = useState<'ar' | 'fr'>(initial);
  // The text with its language: while the other catalogue loads, the old text is not offered.
  const [message, setMessage] = useState<{ lang: 'ar' | 'fr'; text: string } | null>(null);
  const text = message?.lang === lang ? message.text : '';
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  useEffect(() => {
    let live = true;
    loadCatalogue(lang as Locale).then((catalogue) => {
      if (!live) return;
      const intl = intlLocale[lang];
      setMessage({
        lang,
        text: guardianMessage(summary, {
          t: makeTranslator(lang, catalogue),
          f: formatters(intl),
          intl,
          arabic: lang === 'ar',
        }),
      });
      setCopied(null);
    });
    return () => {
      live = false;
    };
  }, [lang, summary]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('ok');
    } catch {
      // A school server reached over plain http has no Clipboard API: copy the selected text the old
      // way, and if even that is refused the text stays selected for the teacher to copy.
      const box = document.getElementById('summary-text') as HTMLTextAreaElement | null;
      box?.select();
      setCopied(box && document.execCommand('copy') ? 'ok' : 'failed');
    }
  };
  return (
    <section aria-labelledby="summary-message" class="no-print">
      <h2 id="summary-message">{t('summary.message')}</h2>
      <fieldset class="choice-row">
        <legend>{t('summary.messageLanguage')}</legend>
        {(['ar', 'fr'] as const).map((l) => (
          <label key={l} class="choice">
            <input
              type="radio"
              name="message-language"
              value={l}
              checked={lang === l}
              onChange={() => setLang(l)}
            />
            <span lang={l}>{l === 'ar' ? 'العربية' : 'Français'}</span>
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="summary-text">{t('summary.messageText')}</label>
        <textarea
          id="summary-text"
          readOnly
          rows={8}
          lang={lang}
          dir={lang === 'ar' ? 'rtl' : 'ltr'}
          value={text}
        />
      </div>
      <button type="button" class="primary" onClick={copy} disabled={!text}>
        {t('summary.copy')}
      </button>
      {copied === 'ok' && <Notice kind="success">{t('summary.copied')}</Notice>}
      {copied === 'failed' && <Notice kind="error">{t('summary.copyFailed')}</Notice>}
    </section>
  );
}
