import type { ContentDetail, ContentTags, LessonBlockType, LessonInput } from '@lawh/shared';
import { useState } from 'preact/hooks';
import { useApp } from '../../app/context';
import { SelectField, TextField } from '../../ui/fields';
import { Page } from '../../ui/page';
import { BLOCK_TYPES, type BlockDraft, BlockEditor, newBlock } from './block-editor';
import { EditorActions, EditorNotices, useContentEditor, VersionList } from './content-editor';
import { contentDir, defaultTags, errorsUnder, move, removeAt, replaceAt } from './content-form';
import { ContentTagsFields } from './content-tags';

interface LessonDraft extends Record<string, unknown> {
  title: string;
  tags: ContentTags;
  body: { blocks: BlockDraft[] };
}

/** Creates (`detail` null) or edits a lesson: title, tags and an ordered list of blocks. */
export function LessonEditor({ detail, onSaved }: { detail: ContentDetail | null; onSaved: () => void }) {
  const { t, locale } = useApp();
  const input = detail?.draft?.input as LessonInput | undefined;
  const initial: LessonDraft = input
    ? { title: input.title, tags: input.tags, body: { blocks: input.body.blocks as BlockDraft[] } }
    : { title: '', tags: defaultTags(locale), body: { blocks: [newBlock('richText')] } };
  const editor = useContentEditor('lesson', detail, initial, onSaved);
  const { values, setValues, errors } = editor.form;
  const [addType, setAddType] = useState<LessonBlockType>('richText');
  const blocks = values.body.blocks;
  const setBlocks = (next: BlockDraft[]) => setValues((v) => ({ ...v, body: { blocks: next } }));
  const { dir, lang } = contentDir(values.tags.language);

  const save = (e: Event) => {
    e.preventDefault();
    void editor.saveDraft();
  };

  return (
    <Page title={detail ? t('content.editLesson') : t('content.newLesson')}>
      <EditorNotices editor={editor} placed={['title', 'tags', 'body.blocks']} />
      <form class="form content-form" onSubmit={save} noValidate>
        <TextField
          label={t('content.title')}
          value={values.title}
          onInput={(title) => setValues((v) => ({ ...v, title }))}
          error={errors.title}
          dir={dir}
          lang={lang}
          required
        />
        <ContentTagsFields
          value={values.tags}
          onChange={(tags) => setValues((v) => ({ ...v, tags }))}
          errors={errorsUnder(errors, 'tags')}
        />
        <section aria-labelledby="blocks-h">
          <h2 id="blocks-h">{t('content.blocks')}</h2>
          {errors['body.blocks'] && <p class="field-error">{errors['body.blocks']}</p>}
          {blocks.length === 0 && <p>{t('content.noBlocks')}</p>}
          {blocks.map((b, i) => (
            <BlockEditor
              key={b.id}
              block={b}
              index={i}
              count={blocks.length}
              onChange={(nb) => setBlocks(replaceAt(blocks, i, nb))}
              onMove={(d) => setBlocks(move(blocks, i, d))}
              onRemove={() => setBlocks(removeAt(blocks, i))}
              errors={errorsUnder(errors, `body.blocks.${i}`)}
              dir={dir}
              lang={lang}
            />
          ))}
          <div class="add-row">
            <SelectField
              label={t('content.blockType')}
              value={addType}
              onChange={(v) => setAddType(v as LessonBlockType)}
              options={BLOCK_TYPES.map((b) => ({ value: b, label: t(`content.block.${b}`) }))}
            />
            <button type="button" onClick={() => setBlocks([...blocks, newBlock(addType)])}>
              {t('content.addBlock')}
            </button>
          </div>
        </section>
        <EditorActions detail={detail} editor={editor} />
      </form>
      {detail && <VersionList detail={detail} />}
    </Page>
  );
}
