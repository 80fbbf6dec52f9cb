import type { ClassProgress, ClassProgressLearner } from '@lawh/shared';
import { INACTIVE_DAYS_CHOICES } from '@lawh/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { withQuery } from '../../lib/api';
import { SelectField } from '../../ui/fields';
import { useFormat } from '../../ui/format';
import { DateText, Grade, Percent } from '../../ui/formatted';
import { Notice, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { assignmentTitle, stuckText } from '../insight/insight-labels';

type SortKey = 'name' | 'progress' | 'activity';
const DAYS_KEY = 'lawh.inactiveDays';
const savedDays = () => {
  const n = Number(typeof localStorage === 'undefined' ? 7 : localStorage.getItem(DAYS_KEY));
  return (INACTIVE_DAYS_CHOICES as readonly number[]).includes(n) ? n : 7;
};

/**
 * The class progress grid: each learner against each current assignment (progress the tablets
 * reported, task states, grades), sortable, filtered by group, with stuck learners listed first
 * and flagged with the reason. Names open the learner's page; the weekly summary is a link away.
 */
export function ClassProgressTable({ classId, tick }: { classId: string; tick: number }) {
  const { t, locale } = useApp();
  const f = useFormat();
  const [days, setDays] = useState(savedDays);
  const [sort, setSort] = useState<SortKey>('name');
  const [group, setGroup] = useState('');
  const progress = useFetch<ClassProgress>(
    withQuery(`/api/v1/classes/${classId}/progress`, { inactiveDays: days }),
  );
  const { reload } = progress;
  useEffect(() => {
    if (tick > 0) reload();
  }, [tick, reload]);
  const p = progress.data;
  const nameOf = (l: ClassProgressLearner) => (locale === 'ar' && l.nameAr ? l.nameAr : l.name);
  const titles = useMemo(() => new Map((p?.assignments ?? []).map((a) => [a.id, assignmentTitle(a)])), [p]);
  const rows = useMemo(() => {
    if (!p) return [];
    const collator = new Intl.Collator(locale === 'zgh' ? 'fr' : locale);
    const shown = group ? p.learners.filter((l) => l.groupIds.includes(group)) : [...p.learners];
    const byName = (a: ClassProgressLearner, b: ClassProgressLearner) =>
      collator.compare(nameOf(a), nameOf(b));
    // Least progress and longest silence first: the learners who need the teacher come to the top.
    if (sort === 'progress') return shown.sort((a, b) => a.overall - b.overall || byName(a, b));
    if (sort === 'activity')
      return shown.sort(
        (a, b) => (a.lastActivityAt ?? '').localeCompare(b.lastActivityAt ?? '') || byName(a, b),
      );
    return shown.sort(byName);
  }, [p, sort, group, locale]);
  const stuck = rows.filter((l) => l.stuck.length > 0);
  const ariaSort = (key: SortKey) => (sort === key ? 'ascending' : undefined);

  return (
    <section aria-labelledby="class-progress">
      <div class="section-head">
        <h2 id="class-progress">{t('progress.title')}</h2>
        <button type="button" onClick={reload}>
          {t('progress.refresh')}
        </button>
      </div>
      <div class="filters">
        <SelectField
          label={t('insight.sortBy')}
          value={sort}
          onChange={(v) => setSort(v as SortKey)}
          options={(['name', 'progress', 'activity'] as const).map((k) => ({
            value: k,
            label: t(`insight.sort.${k}`),
          }))}
        />
        {p && p.groups.length > 0 && (
          <SelectField
            label={t('insight.group')}
            value={group}
            onChange={setGroup}
            options={[
              { value: '', label: t('insight.allGroups') },
              ...p.groups.map((g) => ({ value: g.id, label: g.name })),
            ]}
          />
        )}
        <SelectField
          label={t('insight.inactiveDays')}
          value={String(days)}
          onChange={(v) => {
            setDays(Number(v));
            localStorage.setItem(DAYS_KEY, v);
          }}
          options={INACTIVE_DAYS_CHOICES.map((d) => ({
            value: String(d),
            label: t('insight.days', { days: d }),
          }))}
        />
      </div>
      {progress.error && <Notice kind="error">{progress.error.message}</Notice>}
      {!p ? (
        !progress.error && <Spinner label={t('app.loading')} />
      ) : p.assignments.length === 0 || p.learners.length === 0 ? (
        <p>{t('progress.nothing')}</p>
      ) : (
        <>
          <section aria-labelledby="stuck-learners" class="stuck-list">
            <h3 id="stuck-learners">{t('insight.stuckTitle')}</h3>
            {stuck.length === 0 ? (
              <p>{t('insight.stuckNone')}</p>
            ) : (
              <ul>
                {stuck.map((l) => (
                  <li key={l.id}>
                    <Link href={`/learners/${l.id}/progress`}>
                      <bdi>{nameOf(l)}</bdi>
                    </Link>
                    {' — '}
                    {l.stuck.map((r) => stuckText(t, f, r, titles)).join(' · ')}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <div class="table-wrap">
            <table class="progress-grid">
              <caption>{t('progress.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" aria-sort={ariaSort('name')}>
                    {t('device.learner')}
                  </th>
                  <th scope="col" aria-sort={ariaSort('progress')}>
                    {t('insight.overall')}
                  </th>
                  <th scope="col" aria-sort={ariaSort('activity')}>
                    {t('insight.lastActivity')}
                  </th>
                  {p.assignments.map((a) => (
                    <th scope="col" key={a.id} dir="auto">
                      {assignmentTitle(a)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((l) => (
                  <LearnerRow key={l.id} learner={l} data={p} name={nameOf(l)} titles={titles} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function LearnerRow({
  learner: l,
  data,
  name,
  titles,
}: {
  learner: ClassProgressLearner;
  data: ClassProgress;
  name: string;
  titles: Map<string, string>;
}) {
  const { t } = useApp();
  const f = useFormat();
  const progress = new Map(l.progress.map((x) => [x.assignmentId, x]));
  const states = new Map(l.states.map((x) => [x.assignmentId, x]));
  return (
    <tr class={l.stuck.length ? 'stuck' : undefined} data-learner={l.id}>
      <th scope="row">
        <Link href={`/learners/${l.id}/progress`}>
          <bdi>{name}</bdi>
        </Link>
        {l.stuck.length > 0 && (
          <p class="stuck-flag">
            <span class="badge badge-warn">{t('insight.stuckBadge')}</span>{' '}
            {l.stuck.map((r) => stuckText(t, f, r, titles)).join(' · ')}
          </p>
        )}
        <Link
          href={`/learners/${l.id}/summary`}
          class="small-link"
          aria-label={t('insight.openSummary', { name })}
        >
          {t('insight.summaryShort')}
        </Link>
      </th>
      <td>
        <Percent share={l.overall} />
      </td>
      <td>{l.lastActivityAt ? <DateText iso={l.lastActivityAt} /> : t('insight.never')}</td>
      {data.assignments.map((a) => {
        if (!l.assignmentIds.includes(a.id)) return <td key={a.id}>{t('insight.notAssigned')}</td>;
        const x = progress.get(a.id);
        const s = states.get(a.id);
        return (
          <td key={a.id}>
            {x && (
              <>
                <span class="badge">{t(`progress.status.${x.status}`)}</span>
                {x.score !== null && (
                  <>
                    {' '}
                    <Percent share={x.score} />
                  </>
                )}
                {a.kind === 'quiz' && x.answered > 0 && (
                  <>
                    <br />
                    {t('insight.answers', { tally: f.gradeText(x.correct, x.answered) })}
                  </>
                )}
                <br />
                <DateText iso={x.lastAt} />
              </>
            )}
            {s && (
              <>
                {x && <br />}
                <span class={s.state === 'missing' ? 'badge badge-warn' : 'badge'}>
                  {t(`insight.state.${s.state}`)}
                </span>
                {s.points !== null && s.maxPoints !== null && (
                  <>
                    {' '}
                    <Grade points={s.points} max={s.maxPoints} />
                  </>
                )}
                {s.at && (
                  <>
                    <br />
                    <DateText iso={s.at} />
                  </>
                )}
              </>
            )}
            {!x && !s && t('progress.notStarted')}
          </td>
        );
      })}
    </tr>
  );
}
