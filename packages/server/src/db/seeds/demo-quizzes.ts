import type { MediaRef, quizInput } from '@lawh/shared';
import type { z } from 'zod';

// The demo's quizzes, written for the classes of the first demo school. Together they use every item
// type and every mastery rule, so a visitor can try each one as a learner.

export type QuizSource = z.input<typeof quizInput>;
/** Typed references to the committed demo files (demo-content.ts resolves their hashes). */
export interface DemoMedia {
  image(name: string, alt: string): MediaRef & { kind: 'image' };
  audio(name: string): MediaRef & { kind: 'audio' };
}

/** Unit labels carry both languages: the French and the Arabic lesson of a unit share one label. */
export const UNITS = {
  fractions: 'Les fractions · الكسور',
  water: "Le cycle de l'eau · دورة الماء",
  letters: 'ⵉⵙⴽⴽⵉⵍⵏ · الحروف',
} as const;

const mathsFr = {
  cycle: 'primaire',
  level: '6AP',
  subject: 'mathematics',
  unit: UNITS.fractions,
  language: 'fr',
} as const;
const mathsAr = { ...mathsFr, language: 'ar' } as const;
const sciencesFr = {
  cycle: 'primaire',
  level: '5AP',
  subject: 'sciences',
  unit: UNITS.water,
  language: 'fr',
} as const;
const sciencesAr = { ...sciencesFr, language: 'ar' } as const;

const opts = (...texts: string[]) => texts.map((text, i) => ({ id: String.fromCharCode(97 + i), text }));

export function demoQuizzes(media: DemoMedia) {
  const fractionsFr: QuizSource = {
    title: 'Quiz : les fractions',
    tags: mathsFr,
    mastery: { rule: 'mOfN', m: 5, n: 6 },
    items: [
      {
        id: 'q1',
        type: 'singleChoice',
        prompt: {
          text: 'Quelle fraction du disque est coloriée en vert ?',
          image: media.image(
            'pie-three-quarters.png',
            'Un disque partagé en 4 parts égales, 3 parts en vert',
          ),
        },
        options: opts('1/4', '3/4', '4/3', '1/2'),
        correct: 'b',
        shuffle: true,
        hints: ['Compte les parts vertes, puis toutes les parts.'],
        feedback: {
          correct: 'Bravo ! 3 parts vertes sur 4 parts égales.',
          incorrect: 'Regarde bien : combien de parts en tout ?',
        },
      },
      {
        id: 'q2',
        type: 'multipleChoice',
        prompt: { text: 'Coche toutes les fractions égales à 1/2.' },
        options: opts('2/4', '3/6', '2/3', '5/10'),
        correct: ['a', 'b', 'd'],
        shuffle: true,
        hints: ['Le numérateur est la moitié du dénominateur.'],
        feedback: {
          correct: 'Oui : 2/4, 3/6 et 5/10 valent tous la moitié.',
          incorrect: 'Il y a trois bonnes réponses.',
        },
      },
      {
        id: 'q3',
        type: 'trueFalse',
        prompt: { text: '3/4 est plus grand que 1/2.' },
        correct: true,
        feedback: {
          correct: 'Vrai : 3/4, c’est plus que la moitié.',
          incorrect: 'Dessine les deux fractions pour comparer.',
        },
      },
      {
        id: 'q4',
        type: 'ordering',
        prompt: { text: 'Range ces fractions de la plus petite à la plus grande.' },
        options: opts('3/4', '1/4', '5/4', '1/2'),
        correctOrder: ['b', 'd', 'a', 'c'],
        hints: ['5/4, c’est plus qu’un disque entier.'],
        feedback: { correct: 'Parfait : 1/4 < 1/2 < 3/4 < 5/4.' },
      },
      {
        id: 'q5',
        type: 'numeric',
        prompt: { text: 'Écris 1/3 sous forme décimale, arrondie au centième.' },
        answer: 0.33,
        tolerance: 0.01,
        hints: ['Divise 1 par 3 : 0,333…'],
        feedback: { correct: 'Oui, environ 0,33.', incorrect: '1 divisé par 3 donne 0,333…' },
      },
      {
        id: 'q6',
        type: 'shortText',
        prompt: { text: 'Dans la fraction 3/4, comment s’appelle le nombre 4 ?' },
        accepted: ['le dénominateur', 'dénominateur'],
        hints: ['Il est sous la barre de fraction.'],
        feedback: { correct: 'Oui, le dénominateur dit en combien de parts on partage.' },
      },
    ],
  };

  const fractionsAr: QuizSource = {
    title: 'تمرين: الكسور',
    tags: mathsAr,
    mastery: { rule: 'kInARow', k: 3 },
    items: [
      {
        id: 'q1',
        type: 'numeric',
        prompt: { text: 'ما هو نصف 12؟' },
        answer: 6,
        tolerance: 0,
        hints: ['اقسم 12 على 2.'],
        feedback: { correct: 'أحسنت! نصف 12 هو 6.', incorrect: 'نقسم 12 إلى جزأين متساويين.' },
      },
      {
        id: 'q2',
        type: 'numeric',
        prompt: { text: 'اكتب الكسر 3/4 على شكل عدد عشري.' },
        answer: 0.75,
        tolerance: 0.001,
        hints: ['ربع واحد يساوي 0,25.'],
        feedback: { correct: 'صحيح: 3/4 = 0,75', incorrect: 'اضرب 0,25 في 3.' },
      },
      {
        id: 'q3',
        type: 'singleChoice',
        prompt: { text: 'أيّ كسر يساوي النصف؟' },
        options: opts('2/4', '1/3', '3/4'),
        correct: 'a',
        shuffle: true,
        feedback: { correct: 'نعم، جزآن من أربعة أجزاء هما النصف.' },
      },
      {
        id: 'q4',
        type: 'shortText',
        prompt: { text: 'ماذا نسمّي العدد الذي يوجد تحت خطّ الكسر؟' },
        accepted: ['المقام', 'مقام'],
        hints: ['العدد الذي فوق الخط هو البسط.'],
        feedback: { correct: 'أحسنت، إنه المَقام.', incorrect: 'الجواب: المَقام.' },
      },
      {
        id: 'q5',
        type: 'matching',
        prompt: { text: 'صِل كل كسر باسمه.' },
        left: [
          { id: 'l1', text: '1/2' },
          { id: 'l2', text: '1/4' },
          { id: 'l3', text: '1/3' },
        ],
        right: [
          { id: 'r1', text: 'نصف' },
          { id: 'r2', text: 'ربع' },
          { id: 'r3', text: 'ثلث' },
          { id: 'r4', text: 'خمس' },
        ],
        pairs: [
          { left: 'l1', right: 'r1' },
          { left: 'l2', right: 'r2' },
          { left: 'l3', right: 'r3' },
        ],
        shuffle: true,
        feedback: { correct: 'ممتاز!', incorrect: 'انظر إلى المقام: 2 نصف، 4 ربع، 3 ثلث.' },
      },
    ],
  };

  const waterFr: QuizSource = {
    title: "Quiz : le cycle de l'eau",
    tags: sciencesFr,
    mastery: { rule: 'allCorrect' },
    items: [
      {
        id: 'q1',
        type: 'ordering',
        prompt: {
          text: "Remets les étapes du voyage de l'eau dans l'ordre.",
          image: media.image(
            'water-cycle.png',
            'Le soleil, la mer, un nuage qui donne de la pluie sur une montagne et une rivière',
          ),
        },
        options: opts(
          'La pluie tombe',
          "L'eau de la mer s'évapore",
          'La rivière ramène l’eau à la mer',
          'La vapeur forme un nuage',
        ),
        correctOrder: ['b', 'd', 'a', 'c'],
        hints: ['Tout commence avec la chaleur du soleil.'],
        feedback: { correct: 'Bravo, et le voyage recommence !' },
      },
      {
        id: 'q2',
        type: 'matching',
        prompt: { text: "Relie chaque exemple à l'état de l'eau." },
        left: opts('La glace', "L'eau de la rivière", 'La vapeur de la casserole').map((o, i) => ({
          ...o,
          id: `l${i + 1}`,
        })),
        right: [
          { id: 's', text: 'solide' },
          { id: 'l', text: 'liquide' },
          { id: 'g', text: 'gaz' },
        ],
        pairs: [
          { left: 'l1', right: 's' },
          { left: 'l2', right: 'l' },
          { left: 'l3', right: 'g' },
        ],
        feedback: { incorrect: 'La glace est dure, la rivière coule, la vapeur s’envole.' },
      },
      {
        id: 'q3',
        type: 'trueFalse',
        prompt: { text: "Les nuages sont faits de toutes petites gouttes d'eau." },
        correct: true,
        feedback: { correct: 'Vrai !', incorrect: 'Un nuage, c’est de la vapeur refroidie en gouttelettes.' },
      },
      {
        id: 'q4',
        type: 'singleChoice',
        prompt: { text: "Qu'est-ce qui fait évaporer l'eau de la mer ?" },
        options: opts('La chaleur du soleil', 'Le froid de la nuit', 'La lune'),
        correct: 'a',
        shuffle: true,
        feedback: { correct: 'Oui, le soleil chauffe l’eau.' },
      },
      {
        id: 'q5',
        type: 'numeric',
        prompt: { text: "Environ quel pourcentage de la surface de la Terre est couvert d'eau ?" },
        answer: 71,
        tolerance: 5,
        hints: ['Plus des deux tiers.'],
        feedback: {
          correct: 'Oui, environ 71 %.',
          incorrect: 'Environ 71 % : la Terre est la planète bleue.',
        },
      },
    ],
  };

  const waterAr: QuizSource = {
    title: 'تمرين: دورة الماء',
    tags: sciencesAr,
    mastery: { rule: 'mOfN', m: 2, n: 3 },
    items: [
      {
        id: 'q1',
        type: 'multipleChoice',
        prompt: { text: 'اختر أشكال التساقطات.' },
        options: opts('المطر', 'الثلج', 'البَرَد', 'البخار'),
        correct: ['a', 'b', 'c'],
        shuffle: true,
        hints: ['التساقطات تنزل من السحاب.'],
        feedback: { correct: 'أحسنت!', incorrect: 'البخار يصعد ولا يسقط.' },
      },
      {
        id: 'q2',
        type: 'shortText',
        prompt: { text: 'ماذا نسمّي تحوّل الماء إلى بخار؟' },
        accepted: ['التبخر', 'تبخر'],
        hints: ['الكلمة من «بخار».'],
        feedback: { correct: 'صحيح: التَّبَخُّر.' },
      },
      {
        id: 'q3',
        type: 'trueFalse',
        prompt: { text: 'الماء الذي نشربه اليوم لا يعود أبدًا إلى البحر.' },
        correct: false,
        feedback: {
          correct: 'صحيح، الماء يدور في الطبيعة دون توقف.',
          incorrect: 'الماء يعود دائمًا، إنها دورة.',
        },
      },
    ],
  };

  const lettersZgh: QuizSource = {
    title: 'ⵜⴰⵔⵎⵉⵜ: ⵉⵙⴽⴽⵉⵍⵏ',
    tags: { cycle: 'primaire', level: '1AP', subject: 'tamazight', unit: UNITS.letters, language: 'zgh' },
    mastery: { rule: 'kInARow', k: 2 },
    items: [
      {
        id: 'q1',
        type: 'singleChoice',
        prompt: { text: 'ⵎⴰⵏ ⴰⵙⴽⴽⵉⵍ ⴰⴷ?', image: media.image('letter-yaz.png', 'ⵣ') },
        options: opts('ⵢⴰⵣ', 'ⵢⴰⵎ', 'ⵢⴰⵏ'),
        correct: 'a',
        shuffle: true,
        feedback: { correct: 'ⵉⵖⵓⴷⴰ!', incorrect: 'ⴰⵍⵙ ⵜⵉⴽⴽⵍⵜ ⵏⵏⵉⴹⵏ.' },
      },
      {
        id: 'q2',
        type: 'matching',
        prompt: { text: 'ⵙⵎⵓⵏ ⴰⵙⴽⴽⵉⵍ ⴷ ⵢⵉⵙⵎ ⵏⵏⵙ.' },
        left: ['ⵎ', 'ⵏ', 'ⵍ'].map((text, i) => ({ id: `l${i + 1}`, text })),
        right: ['ⵢⴰⵎ', 'ⵢⴰⵏ', 'ⵢⴰⵍ'].map((text, i) => ({ id: `r${i + 1}`, text })),
        pairs: [
          { left: 'l1', right: 'r1' },
          { left: 'l2', right: 'r2' },
          { left: 'l3', right: 'r3' },
        ],
        shuffle: true,
        feedback: { correct: 'ⵉⵖⵓⴷⴰ!' },
      },
    ],
  };

  const mimAr: QuizSource = {
    title: 'تمرين: حرف الميم',
    tags: { cycle: 'primaire', level: '1AP', subject: 'arabic', unit: UNITS.letters, language: 'ar' },
    mastery: { rule: 'allCorrect' },
    items: [
      {
        id: 'q1',
        type: 'singleChoice',
        prompt: { text: 'أيّ كلمة تبدأ بحرف الميم؟', audio: media.audio('ar-mim.wav') },
        options: opts('مَوْز', 'بَيْت', 'شَمْس'),
        correct: 'a',
        shuffle: true,
        hints: ['اِسْتَمِعْ: مِيم، مَاء، مَوْز.'],
        feedback: { correct: 'أَحْسَنْتَ!', incorrect: 'مَوْز تبدأ بحرف الميم.' },
      },
      {
        id: 'q2',
        type: 'trueFalse',
        prompt: { text: 'في كلمة «قَلَم» حرف الميم.' },
        correct: true,
        feedback: { correct: 'نعم، الميم في آخر الكلمة.' },
      },
    ],
  };

  return { fractionsFr, fractionsAr, waterFr, waterAr, lettersZgh, mimAr } satisfies Record<
    string,
    QuizSource
  >;
}

export type DemoQuizKey = keyof ReturnType<typeof demoQuizzes>;
