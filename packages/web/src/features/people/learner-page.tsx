import type { Learner } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { LearnerInsightLinks } from '../insight/learner-links';
import { LearnerForm } from './learner-form';
import { LearnerSignIn } from './learner-sign-in';
import { personName } from './people-labels';

/** `/learners/new` and `/learners/:id`: the form for the school's admins, a summary for teachers. */
export function LearnerPage({ id }: { id: string }) {
  const { t, me, locale } = useApp();
  const isNew = id === 'new';
  const existing = useFetch<Learner>(isNew ? null : `/api/v1/learners/${id}`);
  const learner = existing.data;
  if (isNew) {
    const isAdmin = me?.role === 'programme_admin' || me?.role === 'school_admin';
    return (
      <Page title={t('learner.new')}>
        {isAdmin ? (
          <LearnerForm learner={null} onSaved={existing.reload} />
        ) : (
          <Notice kind="error">{t('people.notAllowed')}</Notice>
        )}
      </Page>
    );
  }
  if (!learner) {
    return existing.error ? (
      <Page title={t('learner.title')}>
        <Notice kind="error">{existing.error.message}</Notice>
      </Page>
    ) : (
      <Spinner label={t('app.loading')} />
    );
  }
  const canManage =
    me?.role === 'programme_admin' || (me?.role === 'school_admin' && me.schoolId === learner.schoolId);
  return (
    <Page title={canManage ? t('learner.edit') : personName(learner, locale)}>
      {learner.archived && <Notice kind="info">{t('learner.isArchived')}</Notice>}
      {canManage ? (
        <LearnerForm learner={learner} onSaved={existing.reload} />
      ) : (
        <LearnerFacts learner={learner} />
      )}
      {me?.role !== 'learner' && <LearnerInsightLinks learnerId={learner.id} />}
      {me?.role !== 'learner' && <LearnerSignIn learner={learner} />}
    </Page>
  );
}

/** What a teacher needs about a learner of their class; guardians' contacts stay with the school. */
function LearnerFacts({ learner }: { learner: Learner }) {
  const { t } = useApp();
  return (
    <dl class="facts">
      <dt>{t('picker.school')}</dt>
      <dd>{learner.schoolName}</dd>
      <dt>{t('learner.massarCode')}</dt>
      <dd>
        <bdi>{learner.massarCode}</bdi>
      </dd>
      <dt>{t('people.nameAr')}</dt>
      <dd lang="ar" dir="rtl">
        {learner.nameAr}
      </dd>
      <dt>{t('people.givenName')}</dt>
      <dd>
        <bdi>{learner.givenName}</bdi>
      </dd>
      <dt>{t('people.familyName')}</dt>
      <dd>
        <bdi>{learner.familyName}</bdi>
      </dd>
      <dt>{t('people.sex')}</dt>
      <dd>{t(`people.sex.${learner.sex}`)}</dd>
      <dt>{t('learner.birthYear')}</dt>
      <dd>
        <bdi>{learner.birthYear}</bdi>
      </dd>
      <dt>{t('learner.consentStatus')}</dt>
      <dd>{t(`learner.consent.${learner.consentStatus}`)}</dd>
    </dl>
  );
}
