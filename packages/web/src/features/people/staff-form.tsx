import { type Staff, sex, staffRole } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link, navigate } from '../../app/router';
import { api } from '../../lib/api';
import { SelectField, TextField } from '../../ui/fields';
import { Notice, Page, Spinner } from '../../ui/page';
import { SchoolSelect } from '../../ui/school-select';
import { useFetch } from '../../ui/use-fetch';
import { useForm } from '../../ui/use-form';
import { personName } from './people-labels';

/** `/staff/new` and `/staff/:id`. */
export function StaffMemberPage({ id }: { id: string }) {
  const { t, me, locale } = useApp();
  const isNew = id === 'new';
  const existing = useFetch<Staff>(isNew ? null : `/api/v1/staff/${id}`);
  const member = existing.data;
  if (!isNew && !member) {
    return existing.error ? (
      <Page title={t('staff.title')}>
        <Notice kind="error">{existing.error.message}</Notice>
      </Page>
    ) : (
      <Spinner label={t('app.loading')} />
    );
  }
  // Mirrors the server's rule: a school admin manages their school's teachers and their own account,
  // not a fellow school admin's (whose password they could otherwise reset).
  const canManage =
    me?.role === 'programme_admin' ||
    !member ||
    member.id === me?.id ||
    (member.role === 'teacher' && member.schoolId === me?.schoolId);
  return (
    <Page title={!member ? t('staff.new') : canManage ? t('staff.edit') : personName(member, locale)}>
      {member?.archived && <Notice kind="info">{t('staff.isArchived')}</Notice>}
      {canManage ? (
        <StaffForm staff={member} onSaved={existing.reload} />
      ) : (
        member && <StaffFacts staff={member} />
      )}
    </Page>
  );
}

function StaffFacts({ staff }: { staff: Staff }) {
  const { t } = useApp();
  return (
    <dl class="facts">
      <dt>{t('staff.role')}</dt>
      <dd>{t(`role.${staff.role}`)}</dd>
      <dt>{t('picker.school')}</dt>
      <dd>{staff.schoolName ?? t('common.none')}</dd>
      <dt>{t('staff.username')}</dt>
      <dd>
        <bdi>{staff.username}</bdi>
      </dd>
      <dt>{t('people.nameAr')}</dt>
      <dd lang="ar" dir="rtl">
        {staff.nameAr}
      </dd>
      <dt>{t('people.givenName')}</dt>
      <dd>
        <bdi>{staff.givenName}</bdi>
      </dd>
      <dt>{t('people.familyName')}</dt>
      <dd>
        <bdi>{staff.familyName}</bdi>
      </dd>
    </dl>
  );
}

/**
 * Creates a teacher or school admin with an initial password, or edits one. Role, school and
 * username are fixed once the account exists; a new password may be set here.
 */
function StaffForm({ staff, onSaved }: { staff: Staff | null; onSaved: () => void }) {
  const { t, me } = useApp();
  const [saved, setSaved] = useState(false);
  const form = useForm({
    role: staff?.role ?? 'teacher',
    schoolId: staff?.schoolId ?? (me?.role === 'programme_admin' ? '' : (me?.schoolId ?? '')),
    username: staff?.username ?? '',
    password: '',
    nameAr: staff?.nameAr ?? '',
    givenName: staff?.givenName ?? '',
    familyName: staff?.familyName ?? '',
    sex: staff?.sex ?? '',
  });
  const { values, set, setValues, errors } = form;

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(false);
    const { role, schoolId, username, password, sex: chosenSex, ...names } = values;
    // Unchanged optional fields stay out of the patch: an empty password keeps the current one.
    const patch = { ...names, ...(chosenSex ? { sex: chosenSex } : {}), ...(password ? { password } : {}) };
    const result = await form.submit(() =>
      staff ? api.patch<Staff>(`/api/v1/staff/${staff.id}`, patch) : api.post<Staff>('/api/v1/staff', values),
    );
    if (result && !staff) navigate(`/staff/${result.id}`, { replace: true });
    else if (result) {
      // The password box never shows a saved password back.
      setValues((v) => ({ ...v, password: '' }));
      setSaved(true);
      onSaved();
    }
  };
  const archive = async () => {
    if (!staff) return;
    setSaved(false);
    const done = await form.submit(() =>
      api.post(`/api/v1/staff/${staff.id}/${staff.archived ? 'restore' : 'archive'}`),
    );
    if (done) onSaved();
  };

  return (
    <form class="form" onSubmit={save} noValidate aria-label={staff ? t('staff.edit') : t('staff.new')}>
      <div aria-live="polite">
        {form.formError && <Notice kind="error">{form.formError}</Notice>}
        {saved && <Notice kind="success">{t('common.saved')}</Notice>}
      </div>
      <SelectField
        label={t('staff.role')}
        value={values.role}
        onChange={(v) => set('role')(v as Staff['role'])}
        error={errors.role}
        // Only the programme admin appoints school admins.
        options={staffRole.options
          .filter((r) => me?.role === 'programme_admin' || r === 'teacher' || r === staff?.role)
          .map((r) => ({ value: r, label: t(`role.${r}`) }))}
        disabled={!!staff}
        required
      />
      <SchoolSelect
        value={values.schoolId}
        onChange={set('schoolId')}
        error={errors.schoolId}
        locked={!!staff}
        currentName={staff?.schoolName}
      />
      <TextField
        label={t('staff.username')}
        value={values.username}
        onInput={set('username')}
        error={errors.username}
        hint={staff ? undefined : t('staff.usernameHint')}
        dir="ltr"
        autocomplete="off"
        autocapitalize="none"
        spellcheck={false}
        disabled={!!staff}
        required
      />
      <TextField
        label={staff ? t('staff.newPassword') : t('staff.initialPassword')}
        value={values.password}
        onInput={set('password')}
        error={errors.password}
        hint={staff ? t('staff.newPasswordHint') : t('staff.passwordHint')}
        type="password"
        autocomplete="new-password"
        dir="ltr"
        required={!staff}
      />
      <TextField
        label={t('people.nameAr')}
        value={values.nameAr}
        onInput={set('nameAr')}
        error={errors.nameAr}
        dir="rtl"
        lang="ar"
        required
      />
      <div class="grid-2">
        <TextField
          label={t('people.givenNameLatin')}
          value={values.givenName}
          onInput={set('givenName')}
          error={errors.givenName}
          dir="ltr"
          required
        />
        <TextField
          label={t('people.familyNameLatin')}
          value={values.familyName}
          onInput={set('familyName')}
          error={errors.familyName}
          dir="ltr"
          required
        />
      </div>
      <SelectField
        label={t('people.sex')}
        value={values.sex}
        onChange={(v) => set('sex')(v as Staff['sex'] & string)}
        error={errors.sex}
        options={[
          ...(values.sex ? [] : [{ value: '', label: t('picker.choose') }]),
          ...sex.options.map((s) => ({ value: s, label: t(`people.sex.${s}`) })),
        ]}
        required
      />
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy}>
          {staff ? t('common.save') : t('common.create')}
        </button>
        <Link href="/staff" class="button secondary">
          {t('common.cancel')}
        </Link>
        {staff && (
          <button type="button" class="secondary" onClick={archive} disabled={form.busy}>
            {staff.archived ? t('common.restore') : t('common.archive')}
          </button>
        )}
      </div>
    </form>
  );
}
