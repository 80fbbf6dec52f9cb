import {
  normaliseArabicText,
  type QtiSkippedItem,
  type QuizItemInput,
  type QuizOption,
  quizItem,
} from '@lawh/shared';
import { oneLine, type QtiImage, readContent } from './qti-text';
import { childNamed, childrenNamed, descendants, type XmlElement } from './qti-xml';

/**
 * One QTI 2.1 or 3.0 `assessmentItem` (already parsed, names in 2.1 spelling) → one Lawh quiz item.
 * Pure: no files, no database. Pictures come back as paths for the package reader to store.
 */

export const SUPPORTED_INTERACTIONS = [
  'choiceInteraction',
  'textEntryInteraction',
  'orderInteraction',
  'matchInteraction',
] as const;

/** Where a picture goes once stored: the prompt, or an option of one of the item's lists. */
export type ImageSlot = { in: 'prompt' } | { in: 'options' | 'left' | 'right'; index: number };
export interface ItemImage extends QtiImage {
  slot: ImageSlot;
}

export type ParsedItem =
  | { ok: true; identifier: string; interaction: string; item: QuizItemInput; images: ItemImage[] }
  | { ok: false; skipped: QtiSkippedItem };

/** Stands in for a picture's hash until it is stored, so the item can be validated first. */
export const PLACEHOLDER_HASH = '0'.repeat(64);

/** QTI identifiers are NCNames; Lawh ids allow a narrower set. */
export const lawhId = (s: string) => s.replace(/[^A-Za-z0-9_.:-]/g, '_').slice(0, 64) || 'item';

const values = (el: XmlElement | undefined) =>
  el ? childrenNamed(el, 'value').map((v) => v.children.join('').trim()) : [];

interface Response {
  baseType: string;
  cardinality: string;
  correct: string[];
  /** Mapping entries worth something, best first. */
  mapped: string[];
}

function responseOf(root: XmlElement, identifier: string | undefined): Response | null {
  const decl = childrenNamed(root, 'responseDeclaration').find((d) => d.attrs.identifier === identifier);
  if (!decl) return null;
  const mapping = childNamed(decl, 'mapping');
  const mapped = (mapping ? childrenNamed(mapping, 'mapEntry') : [])
    .map((e) => ({ key: (e.attrs.mapKey ?? '').trim(), value: Number(e.attrs.mappedValue) }))
    .filter((e) => e.key !== '' && e.value > 0)
    .sort((a, b) => b.value - a.value)
    .map((e) => e.key);
  return {
    baseType: decl.attrs.baseType ?? '',
    cardinality: decl.attrs.cardinality ?? 'single',
    correct: values(childNamed(decl, 'correctResponse')),
    mapped,
  };
}

const isTrue = (v: string | undefined) => v === 'true' || v === '1';

/** The options of a choice, order or match set, with the pictures they carry. */
function optionsOf(
  choices: XmlElement[],
  list: 'options' | 'left' | 'right',
  images: ItemImage[],
): QuizOption[] {
  return choices.map((c, index) => {
    const { text, images: found } = readContent(c.children);
    const first = found[0];
    if (first) images.push({ ...first, slot: { in: list, index } });
    return {
      id: lawhId(c.attrs.identifier ?? `${list}${index + 1}`),
      text: oneLine(text, 500),
      ...(first ? { image: { kind: 'image' as const, hash: PLACEHOLDER_HASH, ...altOf(first) } } : {}),
    };
  });
}

const altOf = (i: QtiImage) => (i.alt ? { alt: oneLine(i.alt, 500) } : {});

/** How far from the correct number an answer may be, from the response processing or the mapping. */
export function toleranceOf(root: XmlElement, answer: number, mapped: string[]): number {
  const rp = childNamed(root, 'responseProcessing');
  const rounded = rp && descendants(rp, (e) => e.name === 'equalRounded')[0];
  if (rounded) {
    const figures = Number(rounded.attrs.figures);
    if (Number.isInteger(figures) && figures >= 0) {
      const exponent =
        rounded.attrs.roundingMode === 'decimalPlaces'
          ? -figures
          : Math.floor(Math.log10(Math.abs(answer) || 1)) - figures + 1;
      return 0.5 * 10 ** exponent;
    }
  }
  const equal = rp && descendants(rp, (e) => e.name === 'equal' && e.attrs.tolerance !== undefined)[0];
  if (equal && equal.attrs.toleranceMode !== 'exact') {
    const t = Math.max(...(equal.attrs.tolerance ?? '').trim().split(/\s+/).map(Number));
    if (Number.isFinite(t) && t >= 0)
      return equal.attrs.toleranceMode === 'relative' ? (Math.abs(answer) * t) / 100 : t;
  }
  const distances = mapped
    .map(Number)
    .filter(Number.isFinite)
    .map((k) => Math.abs(k - answer));
  return distances.length ? Math.max(...distances) : 0;
}

function feedbackOf(root: XmlElement): { correct?: string; incorrect?: string } {
  const out: { correct?: string; incorrect?: string } = {};
  for (const fb of childrenNamed(root, 'modalFeedback')) {
    const id = (fb.attrs.identifier ?? '').toLowerCase();
    const key = /incorrect|wrong|false|fail|partial|^no|^ko/.test(id)
      ? 'incorrect'
      : /correct|right|true|^ok|^yes/.test(id)
        ? 'correct'
        : null;
    const text = oneLine(readContent(fb.children).text, 1000);
    if (key && text && !out[key]) out[key] = text;
  }
  return out;
}

/** The QTI names of interactions, including those Lawh does not support. */
const isInteraction = (e: XmlElement) => e.name.endsWith('Interaction');

/** Parses one item; an unsupported or invalid one comes back as a reason, never as an exception. */
export function parseQtiItem(root: XmlElement, file: string): ParsedItem {
  const identifier = root.attrs.identifier ?? file;
  const skip = (interaction: string, reason: string): ParsedItem => ({
    ok: false,
    skipped: { identifier, file, interaction, reason },
  });
  if (root.name !== 'assessmentItem') return skip('none', `not a QTI item (root element ${root.name})`);
  const body = childNamed(root, 'itemBody');
  const interactions = body ? descendants(body, isInteraction) : [];
  const [interaction, ...more] = interactions;
  if (!body || !interaction) return skip('none', 'the item has no interaction');
  if (more.length)
    return skip(
      [...new Set(interactions.map((i) => i.name))].join(', '),
      'several interactions in one item; Lawh items have one',
    );
  const kind = interaction.name;
  if (!(SUPPORTED_INTERACTIONS as readonly string[]).includes(kind))
    return skip(kind, 'this interaction is not supported');
  const response = responseOf(root, interaction.attrs.responseIdentifier);
  if (!response) return skip(kind, 'no responseDeclaration for the interaction');

  const images: ItemImage[] = [];
  // The question: the body around the interaction, then the interaction's own prompt.
  const around = readContent(body.children, {
    replace: (el) => (el === interaction ? (kind === 'textEntryInteraction' ? '____' : '') : undefined),
  });
  const ownPrompt = childNamed(interaction, 'prompt');
  const inner = ownPrompt ? readContent(ownPrompt.children) : { text: '', images: [] };
  const promptImage = [...around.images, ...inner.images][0];
  if (promptImage) images.push({ ...promptImage, slot: { in: 'prompt' } });
  const promptText = [around.text, inner.text].filter(Boolean).join('\n') || (root.attrs.title ?? '').trim();

  const base = {
    id: lawhId(identifier),
    prompt: {
      text: promptText,
      ...(promptImage
        ? { image: { kind: 'image' as const, hash: PLACEHOLDER_HASH, ...altOf(promptImage) } }
        : {}),
    },
    feedback: feedbackOf(root),
    ...(isTrue(interaction.attrs.shuffle) ? { shuffle: true } : {}),
  };
  const answers = response.correct.length ? response.correct : response.mapped;
  let item: QuizItemInput;

  if (kind === 'choiceInteraction') {
    const options = optionsOf(childrenNamed(interaction, 'simpleChoice'), 'options', images);
    const single = response.cardinality === 'single';
    item = single
      ? { ...base, type: 'singleChoice', options, correct: answers[0] ? lawhId(answers[0]) : '' }
      : { ...base, type: 'multipleChoice', options, correct: response.correct.map(lawhId) };
    if (!single && !response.correct.length) item.correct = response.mapped.map(lawhId);
  } else if (kind === 'orderInteraction') {
    const options = optionsOf(childrenNamed(interaction, 'simpleChoice'), 'options', images);
    item = { ...base, type: 'ordering', options, correctOrder: response.correct.map(lawhId) };
  } else if (kind === 'matchInteraction') {
    const [leftSet, rightSet] = childrenNamed(interaction, 'simpleMatchSet');
    if (!leftSet || !rightSet) return skip(kind, 'a match needs two simpleMatchSet lists');
    const left = optionsOf(childrenNamed(leftSet, 'simpleAssociableChoice'), 'left', images);
    const right = optionsOf(childrenNamed(rightSet, 'simpleAssociableChoice'), 'right', images);
    const pairs = answers.map((v) => {
      const [l = '', r = ''] = v.split(/\s+/);
      return { left: lawhId(l), right: lawhId(r) };
    });
    item = { ...base, type: 'matching', left, right, pairs };
  } else if (response.baseType === 'float' || response.baseType === 'integer') {
    const answer = Number((answers[0] ?? '').replace(',', '.'));
    if (!answers.length || !Number.isFinite(answer)) return skip(kind, 'no correct number');
    item = { ...base, type: 'numeric', answer, tolerance: toleranceOf(root, answer, response.mapped) };
  } else {
    // Several spellings may be right; one entry per spelling a learner could tell apart.
    const seen = new Set<string>();
    const accepted = [...response.correct, ...response.mapped].filter((a) => {
      const key = normaliseArabicText(a);
      if (!key || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    item = { ...base, type: 'shortText', accepted };
  }

  const checked = quizItem.safeParse(item);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue?.path.join('.');
    return skip(kind, `not a valid Lawh item: ${where ? `${where}: ` : ''}${issue?.message ?? 'invalid'}`);
  }
  return { ok: true, identifier, interaction: kind, item, images };
}
