import type { ClassRow } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { ClassAssignments } from '../assignments/class-assignments';
import { ClassGroups } from '../assignments/class-groups';
import { ClassAttendance } from '../attendance/class-attendance';
import { useSessions } from '../calendar/sessions';
import { ClassAnnouncements } from '../messages/class-announcements';
import { ClassEnrolments } from './class-enrolments';
import { ClassForm } from './class-form';

/**
 * `/classes/new` and `/classes/:id`: the class's form and its learners for those who manage the
 * school, the same facts read-only for its teachers.
 */
export function ClassPage({ id }: { id: string }) {
  const { t, me } = useApp();
  const isNew = id === 'new';
  const existing = useFetch<ClassRow>(isNew ? null : `/api/v1/classes/${id}`);
  const cls = existing.data;
  if (isNew) {
    const isAdmin = me?.role === 'programme_admin' || me?.role === 'school_admin';
    return (
      <Page title={t('class.new')}>
        {isAdmin ? (
          <ClassForm cls={null} onSaved={existing.reload} />
        ) : (
          <Notice kind="error">{t('class.notAllowed')}</Notice>
        )}
      </Page>
    );
  }
  if (!cls) {
    return existing.error ? (
      <Page title={t('class.title')}>
        <Notice kind="error">{existing.error.message}</Notice>
      </Page>
    ) : (
      <Spinner label={t('app.loading')} />
    );
  }
  const canManage =
    me?.role === 'programme_admin' || (me?.role === 'school_admin' && me.schoolId === cls.schoolId);
  return (
    <Page title={canManage ? t('class.edit') : cls.title}>
      {cls.archived && <Notice kind="info">{t('class.isArchived')}</Notice>}
      {canManage ? <ClassForm cls={cls} onSaved={existing.reload} /> : <ClassFacts cls={cls} />}
      <ClassEnrolments cls={cls} canManage={canManage} />
      {me && me.role !== 'learner' && <ClassGroups cls={cls} />}
      {me && me.role !== 'learner' && <ClassAssignments cls={cls} />}
      {me && me.role !== 'learner' && <ClassAnnouncements cls={cls} />}
      {me && me.role !== 'learner' && <ClassAttendance cls={cls} />}
    </Page>
  );
}

function ClassFacts({ cls }: { cls: ClassRow }) {
  const { t, intl } = useApp();
  const { years } = useSessions('schoolYear');
  const teachers = cls.teachers.map((x) => x.displayName);
  return (
    <dl class="facts">
      <dt>{t('picker.school')}</dt>
      <dd>{cls.schoolName}</dd>
      <dt>{t('calendar.year')}</dt>
      <dd>{years.find((y) => y.id === cls.yearId)?.title ?? t('common.none')}</dd>
      <dt>{t('class.cycle')}</dt>
      <dd>{t(`class.cycle.${cls.cycle}`)}</dd>
      <dt>{t('class.level')}</dt>
      <dd>
        <bdi>{cls.level}</bdi>
      </dd>
      <dt>{t('class.subject')}</dt>
      <dd>{t(`class.subject.${cls.subject}`)}</dd>
      <dt>{t('class.teachers')}</dt>
      <dd>
        {teachers.length
          ? new Intl.ListFormat(intl, { type: 'conjunction' }).format(teachers)
          : t('common.none')}
      </dd>
    </dl>
  );
}
