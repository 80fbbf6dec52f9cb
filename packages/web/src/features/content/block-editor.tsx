import { type LessonBlockType, type MediaKind, type MediaRef, newId } from '@lawh/shared';
import { useApp } from '../../app/context';
import { isolate } from '../../ui/bidi';
import { TextField } from '../../ui/fields';
import { type FieldErrors, firstError } from './content-form';
import { MediaField } from './media-field';
import { QuizPicker } from './quiz-picker';
import { RichTextEditor } from './rich-text-editor';

/**
 * A block while it is being written: a media block exists before its file is uploaded, so every
 * field is optional here and the server's lessonInput says what is still missing.
 */
export interface BlockDraft {
  id: string;
  type: LessonBlockType;
  spoken?: MediaRef;
  html?: string;
  media?: MediaRef;
  caption?: string;
  title?: string;
  quizId?: string;
}

export const BLOCK_TYPES: readonly LessonBlockType[] = ['richText', 'image', 'audio', 'video', 'pdf', 'quiz'];

export function newBlock(type: LessonBlockType): BlockDraft {
  return type === 'richText' ? { id: newId(), type, html: '' } : { id: newId(), type };
}

/** One block of a lesson, with the buttons that move or remove it (no drag-only reordering). */
export function BlockEditor({
  block,
  index,
  count,
  onChange,
  onMove,
  onRemove,
  errors,
  dir,
  lang,
}: {
  block: BlockDraft;
  index: number;
  count: number;
  onChange: (block: BlockDraft) => void;
  onMove: (delta: number) => void;
  onRemove: () => void;
  errors: FieldErrors;
  dir: 'rtl' | 'ltr';
  lang: string;
}) {
  const { t } = useApp();
  const set = (patch: Partial<BlockDraft>) => onChange({ ...block, ...patch });
  const typeName = t(`content.block.${block.type}`);
  const legend = t('content.blockLegend', { n: index + 1, type: isolate(typeName) });
  const media = block.type !== 'richText' && block.type !== 'quiz' ? (block.type as MediaKind) : null;
  return (
    <fieldset class="block" aria-invalid={Object.keys(errors).length > 0 ? true : undefined}>
      <legend>{legend}</legend>
      {errors[''] && <span class="field-error">{errors['']}</span>}
      {block.type === 'richText' && (
        <RichTextEditor
          label={t('content.block.text')}
          html={block.html ?? ''}
          onChange={(html) => set({ html })}
          dir={dir}
          lang={lang}
          error={firstError(errors, 'html')}
        />
      )}
      {media && (
        <MediaField
          label={t(`content.media.kind.${media}`)}
          kind={media}
          value={block.media}
          onChange={(m) => set({ media: m })}
          error={firstError(errors, 'media') ?? (block.media ? undefined : errors.type)}
          record={media === 'audio'}
          removable={false}
        />
      )}
      {(media === 'image' || media === 'audio' || media === 'video') && (
        <TextField
          label={t('content.caption')}
          value={block.caption ?? ''}
          onInput={(v) => set({ caption: v.trim() ? v : undefined })}
          error={errors.caption}
          dir={dir}
          lang={lang}
        />
      )}
      {media === 'pdf' && (
        <TextField
          label={t('content.pdfTitle')}
          value={block.title ?? ''}
          onInput={(v) => set({ title: v.trim() ? v : undefined })}
          error={errors.title}
          dir={dir}
          lang={lang}
        />
      )}
      {block.type === 'quiz' && (
        <QuizPicker value={block.quizId} onChange={(quizId) => set({ quizId })} error={errors.quizId} />
      )}
      <details class="spoken" open={!!block.spoken}>
        <summary>{t('content.spoken')}</summary>
        <MediaField
          label={t('content.spokenFile')}
          kind="audio"
          value={block.spoken}
          onChange={(spoken) => set({ spoken })}
          error={firstError(errors, 'spoken')}
          record
        />
      </details>
      <div class="row-actions">
        <button
          type="button"
          onClick={() => onMove(-1)}
          disabled={index === 0}
          aria-label={t('content.moveUpNamed', { name: legend })}
        >
          {t('content.moveUp')}
        </button>
        <button
          type="button"
          onClick={() => onMove(1)}
          disabled={index === count - 1}
          aria-label={t('content.moveDownNamed', { name: legend })}
        >
          {t('content.moveDown')}
        </button>
        <button
          type="button"
          class="danger"
          onClick={onRemove}
          aria-label={t('content.removeNamed', { name: legend })}
        >
          {t('content.remove')}
        </button>
      </div>
    </fieldset>
  );
}
