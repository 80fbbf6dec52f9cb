import type { Dashboard, LearnerDashboard, TeacherDashboard } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { routes } from '../../app/routes';
import { useFormat } from '../../ui/format';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { AdminHome } from './admin-home';

/** The landing page of each role: numbers for admins, classes for teachers and learners. */
export function HomePage() {
  const { t, me } = useApp();
  const dashboard = useFetch<Dashboard>(me ? '/api/v1/dashboard' : null);
  if (!me) return null;
  const d = dashboard.data;
  return (
    <Page title={t(me.role === 'learner' ? 'home.learnerTitle' : 'home.title', { name: me.displayName })}>
      {dashboard.error && <Notice kind="error">{dashboard.error.message}</Notice>}
      {!d && !dashboard.error && <Spinner label={t('app.loading')} />}
      {d && (d.role === 'programme_admin' || d.role === 'school_admin') && <AdminHome d={d} />}
      {d?.role === 'teacher' && <TeacherHome d={d} />}
      {d?.role === 'learner' && <LearnerHome d={d} />}
      {me.role !== 'learner' && <Places />}
    </Page>
  );
}

/** The role's places, as in the main menu, in larger targets. */
function Places() {
  const { t, me } = useApp();
  const places = routes.filter((r) => r.nav && r.path !== '/' && me && r.roles.includes(me.role));
  return (
    <section aria-labelledby="home-places">
      <h2 id="home-places">{t('home.places')}</h2>
      <ul class="tiles">
        {places.map((r) => (
          <li key={r.path}>
            <Link href={r.path} class="tile">
              {t(r.nav!)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function TeacherHome({ d }: { d: TeacherDashboard }) {
  const { t } = useApp();
  const { num } = useFormat();
  return (
    <section aria-labelledby="home-classes">
      <h2 id="home-classes">{t('home.myClasses')}</h2>
      {d.classes.length === 0 ? (
        <Notice kind="info">{t('home.noClassesTeacher')}</Notice>
      ) : (
        <ul class="stats cards">
          {d.classes.map((c) => (
            <li key={c.id} class="stat card">
              <h3>
                <Link href={`/classes/${c.id}`}>
                  <bdi>{c.title}</bdi>
                </Link>
              </h3>
              <dl class="facts">
                <dt>{t('class.level')}</dt>
                <dd>
                  <bdi dir="ltr">{c.level}</bdi>
                </dd>
                <dt>{t('class.subject')}</dt>
                <dd>{t(`class.subject.${c.subject}`)}</dd>
                <dt>{t('class.learnerCount')}</dt>
                <dd>
                  <bdi dir="ltr">{num(c.learnerCount)}</bdi>
                </dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LearnerHome({ d }: { d: LearnerDashboard }) {
  const { t } = useApp();
  return (
    <section aria-labelledby="home-classes">
      <p class="lead">{t('home.learnerLead')}</p>
      <h2 id="home-classes">{t('home.myClasses')}</h2>
      {d.classes.length === 0 ? (
        <Notice kind="info">{t('home.noClassesLearner')}</Notice>
      ) : (
        <ul class="stats cards cards-learner">
          {d.classes.map((c) => (
            <li key={c.id} class="stat card">
              <h3>
                <bdi>{c.title}</bdi>
              </h3>
              <p class="badge">{t(`class.subject.${c.subject}`)}</p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/classes" class="button">
          {t('home.allMyClasses')}
        </Link>
      </p>
    </section>
  );
}
