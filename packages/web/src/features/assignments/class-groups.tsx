import type { ClassGroup, ClassRow, Enrolment } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { ApiError, api } from '../../lib/api';
import { TextField } from '../../ui/fields';
import { Notice, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { useForm } from '../../ui/use-form';
import { personName } from '../people/people-labels';

/** "Groups" on a class's page: groups of its learners, to give a task to some of them. */
export function ClassGroups({ cls }: { cls: ClassRow }) {
  const { t, intl, locale } = useApp();
  const groups = useFetch<ClassGroup[]>(`/api/v1/classes/${cls.id}/groups`);
  const learners = useFetch<Enrolment[]>(`/api/v1/classes/${cls.id}/enrolments`);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const nameOf = (id: string) => {
    const l = learners.data?.find((e) => e.learnerId === id);
    return l ? personName(l, locale) : id;
  };
  const remove = async (g: ClassGroup) => {
    try {
      await api.del(`/api/v1/groups/${g.id}`);
      setMessage({ kind: 'success', text: t('group.deleted', { name: g.name }) });
      groups.reload();
    } catch (e) {
      setMessage({
        kind: 'error',
        text: e instanceof ApiError && e.status === 0 ? t('app.offline') : String(e),
      });
    }
  };
  return (
    <section aria-labelledby="class-groups">
      <div class="section-head">
        <h2 id="class-groups">{t('group.title')}</h2>
        {!cls.archived && editing === null && (
          <button type="button" onClick={() => (setMessage(null), setEditing('new'))}>
            {t('group.add')}
          </button>
        )}
      </div>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {editing === 'new' && (
        <GroupForm
          cls={cls}
          learners={learners.data ?? []}
          onCancel={() => setEditing(null)}
          onDone={() => (setEditing(null), groups.reload())}
        />
      )}
      {groups.error && <Notice kind="error">{groups.error.message}</Notice>}
      {!groups.data ? (
        !groups.error && <Spinner label={t('app.loading')} />
      ) : groups.data.length === 0 ? (
        <p>{t('group.none')}</p>
      ) : (
        <ul class="assignment-list">
          {groups.data.map((g) =>
            editing === g.id ? (
              <li key={g.id}>
                <GroupForm
                  cls={cls}
                  group={g}
                  learners={learners.data ?? []}
                  onCancel={() => setEditing(null)}
                  onDone={() => (setEditing(null), groups.reload())}
                />
              </li>
            ) : (
              <li key={g.id}>
                <div>
                  <strong>
                    <bdi>{g.name}</bdi>
                  </strong>{' '}
                  <span class="badge">{t('group.memberCount', { count: g.learnerIds.length })}</span>
                  <div class="assignment-dates">
                    <bdi>
                      {new Intl.ListFormat(intl, { type: 'conjunction' }).format(g.learnerIds.map(nameOf))}
                    </bdi>
                  </div>
                </div>
                <div class="row-actions">
                  <button
                    type="button"
                    aria-label={t('group.editNamed', { name: g.name })}
                    onClick={() => (setMessage(null), setEditing(g.id))}
                  >
                    {t('classroom.edit')}
                  </button>
                  <button
                    type="button"
                    class="danger"
                    aria-label={t('group.deleteNamed', { name: g.name })}
                    onClick={() => remove(g)}
                  >
                    {t('group.delete')}
                  </button>
                </div>
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}

function GroupForm({
  cls,
  group,
  learners,
  onDone,
  onCancel,
}: {
  cls: ClassRow;
  group?: ClassGroup;
  learners: Enrolment[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, locale } = useApp();
  const form = useForm({ name: group?.name ?? '' });
  const [members, setMembers] = useState<string[]>(group?.learnerIds ?? []);
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { name: form.values.name.trim(), learnerIds: members };
    const ok = await form.submit(() =>
      group
        ? api.patch<ClassGroup>(`/api/v1/groups/${group.id}`, body)
        : api.post<ClassGroup>(`/api/v1/classes/${cls.id}/groups`, body),
    );
    if (ok) onDone();
  };
  return (
    <form class="form subsection" onSubmit={submit} noValidate>
      {form.formError && <Notice kind="error">{form.formError}</Notice>}
      <TextField
        label={t('group.name')}
        value={form.values.name}
        onInput={form.set('name')}
        error={form.errors.name}
        required
        dir="auto"
      />
      <fieldset>
        <legend>{t('group.members')}</legend>
        <div class="pick-list">
          {learners.map((l) => (
            <label key={l.learnerId} class="choice">
              <input
                type="checkbox"
                checked={members.includes(l.learnerId)}
                onChange={(e) =>
                  setMembers((m) =>
                    (e.target as HTMLInputElement).checked
                      ? [...m, l.learnerId]
                      : m.filter((x) => x !== l.learnerId),
                  )
                }
              />
              <bdi>{personName(l, locale)}</bdi>
            </label>
          ))}
        </div>
        {form.errors.learnerIds && (
          <p class="field-error">
            <bdi>{form.errors.learnerIds}</bdi>
          </p>
        )}
      </fieldset>
      <div class="form-actions">
        <button type="submit" class="primary" disabled={form.busy || !form.values.name.trim()}>
          {t('group.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
