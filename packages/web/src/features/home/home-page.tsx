import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { routes } from '../../app/routes';
import { Page } from '../../ui/page';

/** The landing page of each role: a greeting and the places that role works in. */
export function HomePage() {
  const { t, me } = useApp();
  if (!me) return null;
  const places = routes.filter((r) => r.nav && r.path !== '/' && r.roles.includes(me.role));
  return (
    <Page title={t('home.title', { name: me.displayName })}>
      <p class="lead">{t(`role.${me.role}`)}</p>
      <ul class="tiles">
        {places.map((r) => (
          <li key={r.path}>
            <Link href={r.path} class="tile">
              {t(r.nav!)}
            </Link>
          </li>
        ))}
      </ul>
    </Page>
  );
}
