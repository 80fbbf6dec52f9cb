import type { AdminDashboard } from '@lawh/shared';
import type { ComponentChildren } from 'preact';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { useFormat } from '../../ui/format';
import { schoolName } from '../../ui/school-select';
import { STATUSES } from '../devices/device-rules';

/** The programme's numbers, or one school's for its admin; each tile leads to the page behind it. */
export function AdminHome({ d }: { d: AdminDashboard }) {
  const { t, locale } = useApp();
  const { num } = useFormat();
  return (
    <>
      <p class="lead">
        {t(`role.${d.role}`)}
        {d.role === 'school_admin' && d.school && <> · {schoolName(d.school, locale)}</>}
      </p>
      <section aria-labelledby="home-numbers">
        <h2 id="home-numbers">{t('home.numbers')}</h2>
        <ul class="stats">
          {d.role === 'programme_admin' && (
            <Stat value={d.schools} label={t('home.stat.schools')} href="/schools" />
          )}
          <Stat value={d.learners} label={t('home.stat.learners')} href="/learners">
            <span class="stat-split">
              <span>
                {t('home.girls')} <bdi dir="ltr">{num(d.learnersBySex.F)}</bdi>
              </span>{' '}
              <span>
                {t('home.boys')} <bdi dir="ltr">{num(d.learnersBySex.M)}</bdi>
              </span>
            </span>
          </Stat>
          <Stat value={d.teachers} label={t('home.stat.teachers')} href="/staff" />
          <Stat value={d.classes} label={t('home.stat.classes')} href="/classes" />
          <Stat value={d.tablets.total} label={t('home.stat.tablets')} href="/tablets" />
        </ul>
      </section>
      <section aria-labelledby="home-tablets">
        <h2 id="home-tablets">{t('home.tabletsByStatus')}</h2>
        <ul class="stats">
          {STATUSES.map((s) => (
            <li key={s} class="stat">
              <strong>
                <bdi dir="ltr">{num(d.tablets.byStatus[s] ?? 0)}</bdi>
              </strong>
              {t(`device.status.${s}`)}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Stat({
  value,
  label,
  href,
  children,
}: {
  value: number;
  label: string;
  href: string;
  children?: ComponentChildren;
}) {
  const { num } = useFormat();
  return (
    <li class="stat">
      <strong>
        <bdi dir="ltr">{num(value)}</bdi>
      </strong>
      <Link href={href}>{label}</Link>
      {children}
    </li>
  );
}
