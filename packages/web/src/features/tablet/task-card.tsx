import type { ComponentChildren } from 'preact';
import { useApp } from '../../app/context';
import { Link } from '../../app/router';
import { DateText } from '../../ui/formatted';
import type { TaskItem } from './task-model';

// A task on the learner home, and the facts line the task view repeats. In the first bundle:
// keep it light (the task view itself loads on first use).

/** A placeholder for an element inside a translated sentence (see Slot). */
export const SLOT = '\u0000';
/** A translated sentence formatted with SLOT for one value, the element (a <bdi> date or grade) in its place. */
export function Slot({ text, children }: { text: string; children: ComponentChildren }) {
  const [before, after = ''] = text.split(SLOT);
  return (
    <>
      {before}
      {children}
      {after}
    </>
  );
}

/** Due date, where the work is, late and closed. */
export function TaskFacts({ item }: { item: TaskItem }) {
  const { t } = useApp();
  const due = item.assignment.dueAt;
  return (
    <ul class="tablet-card-facts task-facts">
      {due && (
        <li class={item.overdue ? 'overdue-text' : undefined}>
          <Slot text={t(item.overdue ? 'tablet.home.overdue' : 'tablet.home.dueOn', { date: SLOT })}>
            <DateText iso={due} withTime />
          </Slot>
        </li>
      )}
      <li class={`task-status task-status-${item.status}`}>{t(`tablet.task.status.${item.status}`)}</li>
      {item.late && <li class="overdue-text">{t('tablet.task.late')}</li>}
      {item.closed && <li>{t('tablet.task.closedShort')}</li>}
    </ul>
  );
}

export function TaskCard({ item }: { item: TaskItem }) {
  const { t } = useApp();
  const a = item.assignment;
  return (
    <li class={`tablet-card task-card${item.overdue ? ' overdue' : ''}`}>
      <div class="tablet-card-main">
        <span class="badge">{t('tablet.tasks.badge')}</span>
        <Link href={`/tablet/task/${a.id}`} class="tablet-card-title">
          <bdi dir="auto">{a.title || t('tablet.tasks.untitled')}</bdi>
        </Link>
      </div>
      <TaskFacts item={item} />
    </li>
  );
}
