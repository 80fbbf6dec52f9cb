import type { ContentDetail, ContentKind, ContentPublished, ContentVersionList } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { Link, navigate } from '../../app/router';
import { api } from '../../lib/api';
import { isolate } from '../../ui/bidi';
import { useFormat } from '../../ui/format';
import { Notice } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { useForm } from '../../ui/use-form';

// A message that must survive the navigation from /content/…/new to the created item's page.
let flash: string | null = null;
const takeFlash = () => {
  const f = flash;
  flash = null;
  return f;
};

/**
 * What a lesson editor and a quiz editor share: the form, Save draft (create, then PUT the draft),
 * Publish (save, then freeze a version) and whether there are changes not yet saved or published.
 */
export function useContentEditor<T extends Record<string, unknown>>(
  kind: ContentKind,
  detail: ContentDetail | null,
  initial: T,
  onSaved: () => void,
) {
  const { t } = useApp();
  const form = useForm<T>(initial);
  const [savedJson, setSavedJson] = useState(() => (detail ? JSON.stringify(initial) : ''));
  const [notice, setNotice] = useState<string | null>(takeFlash);
  const isDirty = JSON.stringify(form.values) !== savedJson;

  const saveDraft = async ({ open = true } = {}): Promise<ContentDetail | null> => {
    setNotice(null);
    const values = form.values;
    const saved = await form.submit(() =>
      detail
        ? api.put<ContentDetail>(`/api/v1/content/${detail.id}/draft`, values)
        : api.post<ContentDetail>(`/api/v1/content/${kind === 'lesson' ? 'lessons' : 'quizzes'}`, values),
    );
    if (!saved) return null;
    setSavedJson(JSON.stringify(values));
    if (!detail) {
      if (open) navigate(`/content/${saved.id}`, { replace: true });
    } else {
      setNotice(t('content.draftSaved'));
      onSaved();
    }
    return saved;
  };

  const publish = async () => {
    const saved = isDirty || !detail ? await saveDraft({ open: false }) : detail;
    if (!saved) return;
    const done = await form.submit(() => api.post<ContentPublished>(`/api/v1/content/${saved.id}/publish`));
    const message = done && t('content.publishedVersion', { version: done.version });
    if (!detail) {
      // Created but perhaps not published (a rule the server checks only on publish): open it anyway.
      flash = message || null;
      navigate(`/content/${saved.id}`, { replace: true });
    } else if (message) {
      setNotice(message);
      onSaved();
    }
  };

  const archive = async () => {
    if (!detail) return;
    const done = await form.submit(() =>
      api.post(`/api/v1/content/${detail.id}/${detail.archived ? 'restore' : 'archive'}`),
    );
    if (done) onSaved();
  };

  return { form, isDirty, notice, saveDraft, publish, archive };
}

/** The part of an editor the shared buttons and notices need, whatever its form holds. */
interface EditorView {
  form: { busy: boolean; errors: Record<string, string>; formError: string | null };
  isDirty: boolean;
  notice: string | null;
  publish: () => Promise<void>;
  archive: () => Promise<void>;
}

/** Save draft / Publish / Archive, and the state of the item in words. */
export function EditorActions({ detail, editor }: { detail: ContentDetail | null; editor: EditorView }) {
  const { t } = useApp();
  const busy = editor.form.busy;
  return (
    <div class="editor-actions">
      <p class="editor-state" role="status" aria-live="polite">
        {editor.isDirty
          ? t('content.state.unsaved')
          : !detail || detail.latestVersion === null
            ? t('content.state.neverPublished')
            : detail.hasUnpublishedChanges
              ? t('content.state.unpublishedChanges', { version: detail.latestVersion })
              : t('content.state.published', { version: detail.latestVersion })}
      </p>
      <div class="form-actions">
        <button type="submit" disabled={busy}>
          {t('content.saveDraft')}
        </button>
        <button
          type="button"
          class="primary"
          onClick={() => void editor.publish()}
          // Nothing new to freeze: publishing again would only repeat the latest version.
          disabled={busy || (!!detail && !editor.isDirty && !detail.hasUnpublishedChanges)}
        >
          {t('content.publish')}
        </button>
        <Link href="/content" class="button secondary">
          {t('content.backToLibrary')}
        </Link>
        {detail?.canEdit && (
          <button type="button" onClick={() => void editor.archive()} disabled={busy}>
            {detail.archived ? t('common.restore') : t('common.archive')}
          </button>
        )}
      </div>
    </div>
  );
}

/** The messages above an editor: the general error, unplaced field errors, and success notices. */
export function EditorNotices({
  editor,
  placed,
}: {
  editor: EditorView;
  /** Prefixes the editor shows next to their fields; anything else is listed here. */
  placed: string[];
}) {
  const { t } = useApp();
  const { formError, errors } = editor.form;
  const rest = Object.entries(errors).filter(([k]) => !placed.some((p) => k === p || k.startsWith(`${p}.`)));
  return (
    <>
      {editor.notice && <Notice kind="success">{editor.notice}</Notice>}
      {formError && (
        <Notice kind="error">
          {Object.keys(errors).length > 0 ? t('content.fixErrors') : formError}
          {rest.length > 0 && (
            <ul>
              {rest.map(([field, message]) => (
                <li key={field}>
                  <bdi dir="ltr">{t('common.fieldError', { field, message })}</bdi>
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}
    </>
  );
}

/** Published versions, newest first: what learners' records point at. */
export function VersionList({ detail }: { detail: ContentDetail }) {
  const { t } = useApp();
  const fmt = useFormat();
  const versions = useFetch<ContentVersionList>(
    `/api/v1/content/${detail.id}/versions?v=${detail.latestVersion ?? 0}`,
  );
  return (
    <section class="subsection" aria-labelledby="versions-h">
      <h2 id="versions-h">{t('content.versions')}</h2>
      {versions.error && <Notice kind="error">{versions.error.message}</Notice>}
      {versions.data && versions.data.items.length === 0 && <p>{t('content.noVersions')}</p>}
      <ul class="versions">
        {versions.data?.items.map((v) => (
          <li key={v.version}>
            {t('content.versionLine', {
              version: v.version,
              date: isolate(fmt.dateTime(v.publishedAt)),
              name: isolate(v.publishedByName ?? '—'),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
