import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import { useApp } from '../../app/context';
import type { MessageKey } from '../../i18n';

type Command =
  | { label: MessageKey; icon: string; run: () => void }
  | { label: MessageKey; icon: string; cmd: string; arg?: string };

/**
 * A small contenteditable editor. execCommand is deprecated but still the only built-in way to
 * format a selection in every WebView we support, and the server sanitises whatever HTML it makes;
 * the editor's state stays plain HTML, exactly what is saved.
 */
export function RichTextEditor({
  label,
  html,
  onChange,
  dir,
  lang,
  error,
}: {
  label: string;
  html: string;
  onChange: (html: string) => void;
  dir: 'rtl' | 'ltr';
  lang: string;
  error?: string;
}) {
  const { t } = useApp();
  const id = useId();
  const area = useRef<HTMLDivElement>(null);

  // The HTML this editor last reported. Only HTML from elsewhere (loading a draft) is written into
  // the DOM: writing back our own, possibly one keystroke old once renders lag behind fast typing,
  // would throw the caret to the start. A layout effect, because a plain effect runs after paint
  // and, with fast typing, with the props of a render that is already a keystroke old.
  const emitted = useRef<string | null>(null);
  useLayoutEffect(() => {
    const el = area.current;
    if (el && html !== emitted.current && el.innerHTML !== html) el.innerHTML = html;
    emitted.current = html;
  }, [html]);

  const sync = () => {
    if (!area.current) return;
    emitted.current = toStoredHtml(area.current);
    onChange(emitted.current);
  };
  const exec = (cmd: string, arg?: string) => {
    area.current?.focus();
    document.execCommand(cmd, false, arg);
    sync();
  };
  const setDirection = (d: 'rtl' | 'ltr') => {
    const sel = document.getSelection();
    let node: Node | null = sel?.anchorNode ?? null;
    while (
      node &&
      node !== area.current &&
      !(node instanceof HTMLElement && /^(P|H\d|LI|DIV)$/.test(node.tagName))
    )
      node = node.parentNode;
    if (node instanceof HTMLElement && node !== area.current) node.setAttribute('dir', d);
    else exec('formatBlock', 'p');
    sync();
  };
  const commands: Command[] = [
    { label: 'content.rt.bold', icon: 'B', cmd: 'bold' },
    { label: 'content.rt.italic', icon: 'I', cmd: 'italic' },
    { label: 'content.rt.heading', icon: 'H', cmd: 'formatBlock', arg: 'h2' },
    { label: 'content.rt.paragraph', icon: '¶', cmd: 'formatBlock', arg: 'p' },
    { label: 'content.rt.bullets', icon: '•', cmd: 'insertUnorderedList' },
    { label: 'content.rt.numbers', icon: '1.', cmd: 'insertOrderedList' },
    {
      label: 'content.rt.link',
      icon: '🔗',
      run: () => {
        const url = prompt(t('content.rt.linkPrompt'), 'https://');
        if (url && /^(https?:|mailto:)/i.test(url.trim())) exec('createLink', url.trim());
      },
    },
    { label: 'content.rt.rtl', icon: '⇠', run: () => setDirection('rtl') },
    { label: 'content.rt.ltr', icon: '⇢', run: () => setDirection('ltr') },
  ];

  return (
    <div class="field rich-text">
      <span id={`${id}-label`}>{label}</span>
      <div class="rt-toolbar" role="toolbar" aria-label={t('content.rt.toolbar')} aria-controls={id}>
        {commands.map((c) => (
          <button
            key={c.label}
            type="button"
            title={t(c.label)}
            aria-label={t(c.label)}
            // Keep the selection in the editor: a mousedown on the button would otherwise move focus.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => ('run' in c ? c.run() : exec(c.cmd, c.arg))}
          >
            <span aria-hidden="true">{c.icon}</span>
          </button>
        ))}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a textarea cannot hold formatted text; contenteditable with role=textbox is the accessible pattern */}
      <div
        id={id}
        ref={area}
        class="rt-area"
        contentEditable
        role="textbox"
        aria-multiline="true"
        aria-labelledby={`${id}-label`}
        aria-invalid={error ? true : undefined}
        tabIndex={0}
        dir={dir}
        lang={lang}
        // Enter makes paragraphs, not the <div>s Chromium makes by default.
        onFocus={() => document.execCommand('defaultParagraphSeparator', false, 'p')}
        onInput={sync}
        onBlur={sync}
      />
      {error && (
        <span class="field-error">
          <bdi>{error}</bdi>
        </span>
      )}
    </div>
  );
}

// execCommand writes <b>, <i> and <div>; the server keeps only <strong>, <em> and <p> (and drops
// the others), so the editor stores those from the start.
const RENAME: Record<string, string> = { B: 'strong', I: 'em', DIV: 'p' };

function toStoredHtml(area: HTMLElement): string {
  const copy = area.cloneNode(true) as HTMLElement;
  for (const el of Array.from(copy.querySelectorAll('b, i, div'))) {
    const renamed = document.createElement(RENAME[el.tagName]!);
    for (const attr of Array.from(el.attributes)) renamed.setAttribute(attr.name, attr.value);
    renamed.append(...Array.from(el.childNodes));
    el.replaceWith(renamed);
  }
  return copy.innerHTML;
}
