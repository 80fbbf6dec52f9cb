import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gradeAnswer, type QuizItem, quizItem } from '@lawh/shared';
import { describe, expect, it } from 'vitest';
import { type ParsedItem, parseQtiItem } from './qti-item';
import { parseXml } from './qti-xml';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/qti');
const parse = (version: 'v2p1' | 'v3p0', name: string): ParsedItem => {
  const file = `${version}/${name}.xml`;
  return parseQtiItem(parseXml(readFileSync(join(FIXTURES, file), 'utf8'), file), file);
};
const imported = (version: 'v2p1' | 'v3p0', name: string) => {
  const p = parse(version, name);
  if (!p.ok) throw new Error(`${name}: ${p.skipped.reason}`);
  return { ...p, item: quizItem.parse(p.item) as QuizItem };
};
const grade = (item: QuizItem, answer: unknown) => gradeAnswer(item, answer as never).correct;

describe('QTI 2.1 items', () => {
  it('a single choice keeps its options, answer, shuffle, picture and feedback, and drops feedback blocks from the question', () => {
    const { item, images } = imported('v2p1', 'choice');
    expect(item).toMatchObject({
      id: 'capital-maroc',
      type: 'singleChoice',
      correct: 'rabat',
      shuffle: true,
      prompt: {
        text: 'Regardez la carte.\nQuelle est la capitale du Maroc ?',
        image: { alt: 'Carte du Maroc' },
      },
      feedback: { correct: 'Bravo ! Rabat est la capitale.', incorrect: "Non : c'est Rabat." },
    });
    expect(item.type === 'singleChoice' && item.options.map((o) => o.text)).toEqual([
      'Casablanca',
      'Rabat',
      'Fès',
    ]);
    expect(images).toEqual([{ src: 'images/carte.png', alt: 'Carte du Maroc', slot: { in: 'prompt' } }]);
    expect(grade(item, { type: 'singleChoice', optionId: 'rabat' })).toBe(true);
  });

  it('a choice with several answers becomes multiple choice', () => {
    const { item } = imported('v2p1', 'choice-multiple');
    expect(item).toMatchObject({
      type: 'multipleChoice',
      correct: ['n2', 'n8'],
      prompt: { text: 'Cochez les nombres pairs.' },
    });
    expect(item.shuffle).toBeUndefined();
  });

  it('a text entry accepts the correct response and the positively mapped spellings, with a blank in the sentence', () => {
    const { item } = imported('v2p1', 'text-entry');
    expect(item).toMatchObject({ type: 'shortText', accepted: ['مدرسة', 'المدرسة'] });
    expect(item.prompt.text).toBe('يذهب التلميذ إلى ____ كل صباح.');
    expect(grade(item, { type: 'shortText', text: 'المدرسة' })).toBe(true);
    expect(grade(item, { type: 'shortText', text: 'بيت' })).toBe(false);
  });

  it('a float text entry becomes numeric with the tolerance of equalRounded', () => {
    const { item } = imported('v2p1', 'numeric');
    expect(item).toMatchObject({ type: 'numeric', answer: 3.14 });
    expect(item.type === 'numeric' && item.tolerance).toBeCloseTo(0.005);
    expect(grade(item, { type: 'numeric', text: '3,143' })).toBe(true);
    expect(grade(item, { type: 'numeric', text: '3.15' })).toBe(false);
  });

  it('an order interaction becomes ordering', () => {
    const { item } = imported('v2p1', 'order');
    expect(item).toMatchObject({ type: 'ordering', correctOrder: ['a', 'b', 'c'], shuffle: true });
    expect(grade(item, { type: 'ordering', order: ['a', 'b', 'c'] })).toBe(true);
  });

  it('a match interaction becomes matching, with the distractor kept on the right', () => {
    const { item } = imported('v2p1', 'match');
    expect(item).toMatchObject({
      type: 'matching',
      pairs: [
        { left: 'ma', right: 'rab' },
        { left: 'tn', right: 'tun' },
      ],
    });
    expect(item.type === 'matching' && item.right.map((o) => o.id)).toEqual(['rab', 'tun', 'alg']);
  });

  it.each([
    ['hotspot', 'hotspotInteraction'],
    ['extended-text', 'extendedTextInteraction'],
  ])('%s is listed as unsupported with its interaction', (name, interaction) => {
    const p = parse('v2p1', name);
    expect(p).toMatchObject({
      ok: false,
      skipped: { interaction, file: `v2p1/${name}.xml`, reason: 'this interaction is not supported' },
    });
  });
});

describe('QTI 3.0 items', () => {
  it('a true/false choice stays a single choice; an option picture is collected', () => {
    const { item, images } = imported('v3p0', 'choice');
    expect(item).toMatchObject({
      type: 'singleChoice',
      correct: 'vrai',
      prompt: { text: 'Le soleil est une étoile.' },
      feedback: { correct: 'Oui, une étoile.' },
    });
    expect(item.shuffle).toBeUndefined();
    expect(images).toEqual([
      { src: '../media/faux.png', alt: 'Une croix', slot: { in: 'options', index: 1 } },
    ]);
  });

  it('multiple choice, in Tamazight', () => {
    const { item } = imported('v3p0', 'choice-multiple');
    expect(item).toMatchObject({
      type: 'multipleChoice',
      correct: ['pomme', 'datte'],
      shuffle: true,
      prompt: { text: 'ⵙⵜⵜⵉ ⵉⴳⵎⴰ.' },
    });
  });

  it('text entry with a mapping', () => {
    const { item } = imported('v3p0', 'text-entry');
    expect(item).toMatchObject({
      type: 'shortText',
      accepted: ['Rabat', 'الرباط'],
      prompt: { text: 'La capitale du Maroc est ____.' },
    });
  });

  it('numeric with the absolute tolerance of qti-equal', () => {
    const { item } = imported('v3p0', 'numeric');
    expect(item).toMatchObject({ type: 'numeric', answer: 2.5, tolerance: 0.1 });
    expect(grade(item, { type: 'numeric', text: '٢٫٥' })).toBe(true);
  });

  it('ordering', () => {
    const { item } = imported('v3p0', 'order');
    expect(item).toMatchObject({ type: 'ordering', correctOrder: ['printemps', 'ete', 'automne', 'hiver'] });
  });

  it('matching where two lefts share one right', () => {
    const { item } = imported('v3p0', 'match');
    expect(item).toMatchObject({ type: 'matching', shuffle: true });
    expect(item.type === 'matching' && item.pairs).toHaveLength(3);
  });

  it.each([
    ['slider', 'sliderInteraction'],
    ['gap-match', 'gapMatchInteraction'],
  ])('%s is listed as unsupported', (name, interaction) => {
    expect(parse('v3p0', name)).toMatchObject({
      ok: false,
      skipped: { interaction, identifier: expect.any(String) },
    });
  });
});

describe('items that do not fit Lawh', () => {
  const item = (body: string, decl = '') =>
    parseQtiItem(
      parseXml(
        `<assessmentItem identifier="x" xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1">${decl}<itemBody>${body}</itemBody></assessmentItem>`,
        'x.xml',
      ),
      'x.xml',
    );

  it('a choice without a correct response is listed with the reason', () => {
    const p = item(
      '<choiceInteraction responseIdentifier="R" maxChoices="1"><prompt>Q</prompt><simpleChoice identifier="a">A</simpleChoice><simpleChoice identifier="b">B</simpleChoice></choiceInteraction>',
      '<responseDeclaration identifier="R" cardinality="single" baseType="identifier"/>',
    );
    expect(p).toMatchObject({ ok: false, skipped: { interaction: 'choiceInteraction' } });
    expect(!p.ok && p.skipped.reason).toMatch(/no correct answer/);
  });

  it('two interactions in one item are listed', () => {
    const p = item(
      '<p><textEntryInteraction responseIdentifier="A"/> <textEntryInteraction responseIdentifier="B"/></p>',
    );
    expect(p).toMatchObject({
      ok: false,
      skipped: { interaction: 'textEntryInteraction', reason: expect.stringMatching(/several/) },
    });
  });

  it('script in the body never reaches the prompt', () => {
    const p = item(
      '<p>Deux <script>alert(1)</script><span onclick="x()">et</span> deux ? <textEntryInteraction responseIdentifier="R"/></p>',
      '<responseDeclaration identifier="R" cardinality="single" baseType="integer"><correctResponse><value>4</value></correctResponse></responseDeclaration>',
    );
    expect(p.ok && p.item.prompt.text).toBe('Deux et deux ? ____');
  });

  it('malformed XML names the file and the line', () => {
    expect(() => parseXml('<assessmentItem>\n<itemBody></assessmentItem>', 'items/bad.xml')).toThrow(
      /items\/bad\.xml is not valid XML: line 2/,
    );
  });
});
