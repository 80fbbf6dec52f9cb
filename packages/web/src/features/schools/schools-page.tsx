import { REGIONS, type School } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Link, navigate } from '../../app/router';
import { api } from '../../lib/api';
import { DataTable, ListFilters } from '../../ui/data-table';
import { SelectField, TextField } from '../../ui/fields';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { useForm } from '../../ui/use-form';
import { useList } from '../../ui/use-list';
import { QuietHoursForm } from '../messages/quiet-hours-form';

export function SchoolsPage() {
  const { t, me, locale } = useApp();
  const list = useList<School>('/api/v1/schools', {
    sort: locale === 'ar' ? 'nameAr' : 'nameFr',
    order: 'asc',
  });
  const name = (s: School) => (locale === 'ar' ? s.nameAr : s.nameFr);
  return (
    <Page
      title={t('school.title')}
      actions={
        me?.role === 'programme_admin' && (
          <Link href="/schools/new" class="button primary">
            {t('school.new')}
          </Link>
        )
      }
    >
      <ListFilters
        q={list.q}
        onQ={list.setQ}
        archived={list.filters.archived}
        onArchived={(v) => list.setFilter('archived', v)}
      >
        <label class="field">
          <span>{t('school.region')}</span>
          <select
            value={list.filters.region ?? ''}
            onChange={(e) => list.setFilter('region', (e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('common.all')}</option>
            {REGIONS.map((r) => (
              <option key={r} value={r}>
                {t(`region.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </ListFilters>
      {list.error && <Notice kind="error">{list.error.message}</Notice>}
      <DataTable<School>
        caption={t('school.title')}
        data={list.data}
        sort={list.sort}
        onSort={list.setSort}
        onPage={list.setPage}
        columns={[
          { key: 'code', label: t('school.code'), sortable: true, ltr: true, render: (s) => s.code },
          {
            key: locale === 'ar' ? 'nameAr' : 'nameFr',
            label: locale === 'ar' ? t('school.nameAr') : t('school.nameFr'),
            sortable: true,
            render: (s) => <Link href={`/schools/${s.id}`}>{name(s)}</Link>,
          },
          {
            key: 'region',
            label: t('school.region'),
            sortable: true,
            render: (s) => t(`region.${s.region}`),
          },
          { key: 'province', label: t('school.province'), sortable: true, render: (s) => s.province },
          { key: 'learners', label: t('school.learners'), ltr: true, render: (s) => s.learnerCount },
          { key: 'tablets', label: t('school.tablets'), ltr: true, render: (s) => s.tabletCount },
        ]}
      />
    </Page>
  );
}

/** Create (`/schools/new`) or edit (`/schools/:id`) a school. */
export function SchoolFormPage({ id }: { id?: string }) {
  const { t } = useApp();
  const isNew = !id || id === 'new';
  const existing = useFetch<School>(isNew ? null : `/api/v1/schools/${id}`);
  if (!isNew && !existing.data) {
    return existing.error ? (
      <Notice kind="error">{existing.error.message}</Notice>
    ) : (
      <Spinner label={t('app.loading')} />
    );
  }
  return (
    <>
      <SchoolForm school={existing.data} key={existing.data?.updatedAt ?? 'new'} onSaved={existing.reload} />
      {existing.data && <QuietHoursForm schoolId={existing.data.id} />}
    </>
  );
}

function SchoolForm({ school, onSaved }: { school: School | null; onSaved: () => void }) {
  const { t, me } = useApp();
  const form = useForm({
    code: school?.code ?? '',
    nameAr: school?.nameAr ?? '',
    nameFr: school?.nameFr ?? '',
    region: school?.region ?? 'draa-tafilalet',
    province: school?.province ?? '',
    meetingUrl: school?.meetingUrl ?? '',
  });
  const { values, set, errors } = form;
  const save = async (e: Event) => {
    e.preventDefault();
    // An empty meeting service is none (live sessions then need their own link).
    const body = { ...values, meetingUrl: values.meetingUrl.trim() || null };
    const saved = await form.submit(() =>
      school
        ? api.patch<School>(`/api/v1/schools/${school.id}`, body)
        : api.post<School>('/api/v1/schools', body),
    );
    if (saved && !school) navigate(`/schools/${saved.id}`, { replace: true });
    else if (saved) onSaved();
  };
  const archive = async () => {
    if (!school) return;
    const done = await form.submit(() =>
      api.post(`/api/v1/schools/${school.id}/${school.archived ? 'restore' : 'archive'}`),
    );
    if (done) onSaved();
  };
  return (
    <Page title={school ? t('school.edit') : t('school.new')}>
      {form.formError && <Notice kind="error">{form.formError}</Notice>}
      <form class="form" onSubmit={save} noValidate>
        <TextField
          label={t('school.code')}
          value={values.code}
          onInput={set('code')}
          error={errors.code}
          dir="ltr"
          required
        />
        <TextField
          label={t('school.nameAr')}
          value={values.nameAr}
          onInput={set('nameAr')}
          error={errors.nameAr}
          dir="rtl"
          lang="ar"
          required
        />
        <TextField
          label={t('school.nameFr')}
          value={values.nameFr}
          onInput={set('nameFr')}
          error={errors.nameFr}
          dir="ltr"
          lang="fr"
          required
        />
        <SelectField
          label={t('school.region')}
          value={values.region}
          onChange={(v) => set('region')(v as School['region'])}
          error={errors.region}
          options={REGIONS.map((r) => ({ value: r, label: t(`region.${r}`) }))}
          required
        />
        <TextField
          label={t('school.province')}
          value={values.province}
          onInput={set('province')}
          error={errors.province}
          required
        />
        <TextField
          label={t('school.meetingUrl')}
          hint={t('school.meetingUrlHint', { placeholder: '{sessionId}' })}
          type="url"
          value={values.meetingUrl}
          onInput={set('meetingUrl')}
          error={errors.meetingUrl}
          dir="ltr"
          placeholder="https://meet.example.org/lawh-{sessionId}"
        />
        <div class="form-actions">
          <button type="submit" class="primary" disabled={form.busy}>
            {t('common.save')}
          </button>
          <Link href="/schools" class="button secondary">
            {t('common.cancel')}
          </Link>
          {school && me?.role === 'programme_admin' && (
            <button type="button" class="secondary" onClick={archive} disabled={form.busy}>
              {school.archived ? t('common.restore') : t('common.archive')}
            </button>
          )}
        </div>
      </form>
    </Page>
  );
}
