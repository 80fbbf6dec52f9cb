import type { LessonBlock, lessonInput } from '@lawh/shared';
import type { z } from 'zod';
import { type DemoMedia, type DemoQuizKey, UNITS } from './demo-quizzes';

// The demo's lessons: short, written for 6–11 year olds, each with rich text and pictures or sound,
// and several blocks with a spoken version for learners who do not read yet. Moroccan schoolbooks
// write numbers with Western digits in Arabic too, so the lessons do; the grader accepts both.

export type LessonSource = z.input<typeof lessonInput>;
type Block = z.input<typeof lessonInput>['body']['blocks'][number];

const text = (id: string, html: string, spoken?: ReturnType<DemoMedia['audio']>): Block => ({
  id,
  type: 'richText',
  html,
  ...(spoken ? { spoken } : {}),
});

export function demoLessons(media: DemoMedia, quiz: (key: DemoQuizKey) => string): LessonSource[] {
  const quizBlock = (id: string, key: DemoQuizKey): LessonBlock => ({ id, type: 'quiz', quizId: quiz(key) });
  const mathsTags = {
    cycle: 'primaire',
    level: '6AP',
    subject: 'mathematics',
    unit: UNITS.fractions,
  } as const;
  const sciencesTags = { cycle: 'primaire', level: '5AP', subject: 'sciences', unit: UNITS.water } as const;

  return [
    {
      title: 'Les fractions : partager en parts égales',
      tags: { ...mathsTags, language: 'fr' },
      body: {
        blocks: [
          text(
            'b1',
            '<h2>Partager un tout</h2><p>Maman coupe une galette en <strong>4 parts égales</strong>. Amine en mange 3. Il a mangé <strong>trois quarts</strong> de la galette : on écrit <bdi>3/4</bdi>.</p>',
          ),
          {
            id: 'b2',
            type: 'image',
            media: media.image(
              'fractions.png',
              'Trois disques : une moitié, un quart et trois quarts coloriés',
            ),
            caption: '1/2, 1/4 et 3/4. Trois quarts : trois parts sur quatre parts égales.',
            spoken: media.audio('fr-fractions.wav'),
          },
          text(
            'b3',
            '<h3>Je retiens</h3><ul><li>Le nombre du bas, le <strong>dénominateur</strong>, dit en combien de parts égales on partage.</li><li>Le nombre du haut, le <strong>numérateur</strong>, dit combien de parts on prend.</li></ul><p>Deux fractions peuvent être égales : <bdi>1/2 = 2/4</bdi>.</p>',
          ),
          quizBlock('b4', 'fractionsFr'),
        ],
      },
    },
    {
      title: 'الكسور: النصف والربع',
      tags: { ...mathsTags, language: 'ar' },
      body: {
        blocks: [
          text(
            'b1',
            '<h2>ما هو الكسر؟</h2><p>الكَسْرُ جُزْءٌ مِنْ كُلٍّ مُقَسَّمٍ إِلَى أَجْزَاءٍ مُتَسَاوِيَة.</p><p>قسّمت فاطمة خبزة إلى <strong>أربعة أجزاء متساوية</strong> وأكلت جزءًا واحدًا: أكلت <strong>ربع</strong> الخبزة، ونكتب <bdi>1/4</bdi>.</p>',
            media.audio('ar-fractions.wav'),
          ),
          {
            id: 'b2',
            type: 'image',
            media: media.image('fractions.png', 'ثلاثة أقراص: نصف وربع وثلاثة أرباع ملوّنة'),
            caption: 'النصف، الربع، ثلاثة أرباع',
          },
          text(
            'b3',
            '<h3>أتذكّر</h3><ul><li><strong>المَقام</strong> هو العدد تحت الخط: عدد الأجزاء المتساوية.</li><li><strong>البَسْط</strong> هو العدد فوق الخط: عدد الأجزاء التي نأخذها.</li></ul>',
          ),
          quizBlock('b4', 'fractionsAr'),
        ],
      },
    },
    {
      title: "Le cycle de l'eau",
      tags: { ...sciencesTags, language: 'fr' },
      body: {
        blocks: [
          text(
            'b1',
            "<h2>Le voyage d'une goutte d'eau</h2><p>Le soleil chauffe l'eau de la mer. L'eau devient de la <strong>vapeur</strong> : c'est l'<strong>évaporation</strong>.</p><p>En haut, il fait froid : la vapeur se change en toutes petites gouttes qui forment les <strong>nuages</strong>. C'est la <strong>condensation</strong>.</p><p>Les gouttes grossissent et tombent : ce sont les <strong>précipitations</strong> (pluie, neige, grêle). Les rivières ramènent l'eau à la mer, et le voyage recommence.</p>",
            media.audio('fr-water-cycle.wav'),
          ),
          {
            id: 'b2',
            type: 'image',
            media: media.image(
              'water-cycle.png',
              'Le soleil chauffe la mer, un nuage donne de la pluie sur la montagne, une rivière retourne à la mer',
            ),
            caption: 'Évaporation, condensation, précipitations, ruissellement',
          },
          {
            id: 'b3',
            type: 'audio',
            media: media.audio('fr-water-cycle.wav'),
            caption: 'Écoute et répète.',
          },
          text(
            'b4',
            "<p><strong>Chez nous</strong>, la neige de l'Atlas fond au printemps : elle remplit les rivières, les puits et les barrages.</p>",
          ),
          quizBlock('b5', 'waterFr'),
        ],
      },
    },
    {
      title: 'دورة الماء في الطبيعة',
      tags: { ...sciencesTags, language: 'ar' },
      body: {
        blocks: [
          text(
            'b1',
            '<h2>رحلة قطرة ماء</h2><p>تُسَخِّنُ الشمسُ ماءَ البحر فيتحوّل إلى <strong>بخار</strong>: هذا هو <strong>التبخّر</strong>.</p><p>في الأعلى يبرد البخار فيصير قطرات صغيرة تكوّن <strong>السحاب</strong>: هذا هو <strong>التكاثف</strong>.</p><p>تكبر القطرات فتسقط <strong>أمطارًا</strong> أو <strong>ثلوجًا</strong>، ثم تحمل الأنهار الماء إلى البحر من جديد.</p>',
            media.audio('ar-water-cycle.wav'),
          ),
          {
            id: 'b2',
            type: 'image',
            media: media.image(
              'water-cycle.png',
              'الشمس تسخن البحر، وسحابة تمطر على الجبل، ونهر يعود إلى البحر',
            ),
            caption: 'التبخّر، التكاثف، التساقطات، الجريان',
          },
          quizBlock('b3', 'waterAr'),
        ],
      },
    },
    {
      title: 'ⵉⵙⴽⴽⵉⵍⵏ ⵏ ⵜⵉⴼⵉⵏⴰⵖ',
      tags: { cycle: 'primaire', level: '1AP', subject: 'tamazight', unit: UNITS.letters, language: 'zgh' },
      body: {
        blocks: [
          text('b1', '<h2>ⴰⵣⵓⵍ ⴼⵍⵍⴰⵡⵏ!</h2><p>ⵖⵔ ⵉⵙⴽⴽⵉⵍⵏ ⴰⴷ.</p>'),
          {
            id: 'b2',
            type: 'image',
            media: media.image('tifinagh-letters.png', 'ⴰ ⴱ ⵎ ⵏ ⵣ ⵜ ⵍ ⵔ'),
            caption: 'ⴰ ⴱ ⵎ ⵏ ⵣ ⵜ ⵍ ⵔ',
          },
          text(
            'b3',
            '<h3>ⵖⵔ ⴷ ⴰⵔⵓ</h3><ul><li><strong>ⴰ</strong> : ⴰⵎⴰⵏ</li><li><strong>ⴱ</strong> : ⴱⴰⴱⴰ</li><li><strong>ⵜ</strong> : ⵜⴰⴼⵓⴽⵜ</li><li><strong>ⵣ</strong> : ⴰⵣⵓⵍ</li><li><strong>ⵔ</strong> : ⴰⵖⵔⵓⵎ</li><li><strong>ⵏ</strong> : ⵙⵉⵏ</li></ul><p>ⴰⵎⴰⵏ ⴷ ⵜⵓⴷⵔⵜ.</p>',
          ),
          quizBlock('b4', 'lettersZgh'),
        ],
      },
    },
    {
      title: 'حَرْفُ المِيم',
      tags: { cycle: 'primaire', level: '1AP', subject: 'arabic', unit: UNITS.letters, language: 'ar' },
      body: {
        blocks: [
          text(
            'b1',
            '<h2>حَرْفُ المِيم</h2><p>أَسْتَمِعُ وَأُرَدِّدُ: <strong>مِيم</strong>، <strong>مَاء</strong>، <strong>مَوْز</strong>.</p>',
            media.audio('ar-mim.wav'),
          ),
          {
            id: 'b2',
            type: 'image',
            media: media.image('arabic-mim.png', 'حرف الميم وكلمتا مَاء ومَوْز'),
            caption: 'م: مَاء، مَوْز',
          },
          text('b3', '<p>مَرْيَمُ تَشْرَبُ الْمَاءَ.</p><p>مُرَادٌ يَأْكُلُ الْمَوْزَ.</p>'),
          { id: 'b4', type: 'audio', media: media.audio('ar-mim.wav'), caption: 'أَسْتَمِعُ وَأُرَدِّدُ' },
          quizBlock('b5', 'mimAr'),
        ],
      },
    },
  ];
}
