import type { ContentDetail } from '@lawh/shared';
import { useApp } from '../../app/context';
import { Notice, Page, Spinner } from '../../ui/page';
import { useFetch } from '../../ui/use-fetch';
import { LessonEditor } from './lesson-editor';
import { QuizEditor } from './quiz-editor';
import './content.css';

/** `/content/lessons/new`. */
export function NewLessonPage() {
  return <LessonEditor detail={null} onSaved={() => {}} />;
}

/** `/content/quizzes/new`. */
export function NewQuizPage() {
  return <QuizEditor detail={null} onSaved={() => {}} />;
}

/** `/content/:id`: the lesson or quiz editor, by the item's kind. */
export function ContentPage({ id }: { id: string }) {
  const { t } = useApp();
  const detail = useFetch<ContentDetail>(`/api/v1/content/${id}`);
  const d = detail.data;
  if (!d || d.id !== id) {
    return detail.error ? (
      <Page title={t('content.library')}>
        <Notice kind="error">{detail.error.message}</Notice>
      </Page>
    ) : (
      <Spinner label={t('app.loading')} />
    );
  }
  if (!d.draft || !d.canEdit) {
    return (
      <Page title={d.title}>
        <Notice kind="info">{t('content.readOnly')}</Notice>
      </Page>
    );
  }
  // Keyed by id only: a reload after saving updates the status without resetting the editor.
  return d.kind === 'lesson' ? (
    <LessonEditor key={d.id} detail={d} onSaved={detail.reload} />
  ) : (
    <QuizEditor key={d.id} detail={d} onSaved={detail.reload} />
  );
}
