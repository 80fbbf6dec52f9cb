import type { ClassRow } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';

/** "Attendance and live sessions" on a class's page: where the register, the month and the sessions are. */
export function ClassAttendance({ cls }: { cls: ClassRow }) {
  const { t } = useApp();
  return (
    <section aria-labelledby="class-attendance">
      <h2 id="class-attendance">{t('attendance.section')}</h2>
      <div class="row-actions">
        {!cls.archived && (
          <Link href={`/classes/${cls.id}/attendance`} class="button primary">
            {t('attendance.openToday')}
          </Link>
        )}
        <Link href={`/classes/${cls.id}/attendance/summary`} class="button">
          {t('attendance.summary')}
        </Link>
        <Link href={`/classes/${cls.id}/live-sessions`} class="button">
          {t('live.title')}
        </Link>
      </div>
    </section>
  );
}
