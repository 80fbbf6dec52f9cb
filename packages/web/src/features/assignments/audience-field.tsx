import type { AssignmentAudience, ClassGroup, Enrolment } from '@lawh/shared';
import { useApp } from '../../app/context';
import { useFetch } from '../../ui/use-fetch';

/** Who the work is for: the whole class, some of its groups, or chosen learners. */
export function AudienceField({
  classId,
  value,
  onChange,
  error,
}: {
  classId: string;
  value: AssignmentAudience;
  onChange: (a: AssignmentAudience) => void;
  error?: string;
}) {
  const { t } = useApp();
  const groups = useFetch<ClassGroup[]>(value.type === 'groups' ? `/api/v1/classes/${classId}/groups` : null);
  const learners = useFetch<Enrolment[]>(
    value.type === 'learners' ? `/api/v1/classes/${classId}/enrolments` : null,
  );
  const toggle = (list: string[], id: string, on: boolean) =>
    on ? [...list, id] : list.filter((x) => x !== id);
  return (
    <fieldset class="subsection">
      <legend>{t('classroom.audience')}</legend>
      <div role="radiogroup" class="choice-row">
        {(['class', 'groups', 'learners'] as const).map((type) => (
          <label key={type} class="choice">
            <input
              type="radio"
              name={`audience-${classId}`}
              checked={value.type === type}
              onChange={() =>
                onChange(
                  type === 'class'
                    ? { type }
                    : type === 'groups'
                      ? { type, groupIds: [] }
                      : { type, learnerIds: [] },
                )
              }
            />
            {t(`classroom.audience.${type}`)}
          </label>
        ))}
      </div>
      {value.type === 'groups' && (
        <div class="pick-list">
          {groups.data?.length === 0 && <p>{t('classroom.noGroups')}</p>}
          {groups.data?.map((g) => (
            <label key={g.id} class="choice">
              <input
                type="checkbox"
                checked={value.groupIds.includes(g.id)}
                onChange={(e) =>
                  onChange({
                    type: 'groups',
                    groupIds: toggle(value.groupIds, g.id, (e.target as HTMLInputElement).checked),
                  })
                }
              />
              <bdi>{g.name}</bdi>
            </label>
          ))}
        </div>
      )}
      {value.type === 'learners' && (
        <div class="pick-list">
          {learners.data?.map((l) => (
            <label key={l.learnerId} class="choice">
              <input
                type="checkbox"
                checked={value.learnerIds.includes(l.learnerId)}
                onChange={(e) =>
                  onChange({
                    type: 'learners',
                    learnerIds: toggle(value.learnerIds, l.learnerId, (e.target as HTMLInputElement).checked),
                  })
                }
              />
              <bdi>{`${l.givenName} ${l.familyName}`}</bdi>
              {l.nameAr && (
                <span class="muted">
                  {' '}
                  <bdi dir="rtl">{l.nameAr}</bdi>
                </span>
              )}
            </label>
          ))}
        </div>
      )}
      {error && (
        <p class="field-error">
          <bdi>{error}</bdi>
        </p>
      )}
    </fieldset>
  );
}
