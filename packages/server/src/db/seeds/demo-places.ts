import type { Cycle, Region, SUBJECTS } from '@lawh/shared';

// Eight rural schools in four regions (DESIGN.md, "Morocco facts for demo data"). The names are built
// from village and town names; the schools themselves, their codes and their people are invented.

export type Subject = (typeof SUBJECTS)[number];

export interface DemoSchool {
  code: string;
  nameAr: string;
  nameFr: string;
  region: Region;
  province: string;
  cycle: Extract<Cycle, 'primaire' | 'college'>;
  /** First letter of the school's generated Massar codes. */
  massarLetter: string;
}

export const DEMO_SCHOOLS: DemoSchool[] = [
  {
    code: 'AZL-01',
    nameAr: 'مدرسة أيت بوكماز',
    nameFr: 'École Aït Bouguemez',
    region: 'beni-mellal-khenifra',
    province: 'Azilal',
    cycle: 'primaire',
    massarLetter: 'D',
  },
  {
    code: 'BML-01',
    nameAr: 'ثانوية إعدادية أغبالة',
    nameFr: 'Collège Aghbala',
    region: 'beni-mellal-khenifra',
    province: 'Béni Mellal',
    cycle: 'college',
    massarLetter: 'D',
  },
  {
    code: 'HAZ-01',
    nameAr: 'مدرسة ويركان',
    nameFr: 'École Ouirgane',
    region: 'marrakech-safi',
    province: 'Al Haouz',
    cycle: 'primaire',
    massarLetter: 'E',
  },
  {
    code: 'CHI-01',
    nameAr: 'ثانوية إعدادية إمنتانوت',
    nameFr: 'Collège Imintanoute',
    region: 'marrakech-safi',
    province: 'Chichaoua',
    cycle: 'college',
    massarLetter: 'E',
  },
  {
    code: 'ZAG-01',
    nameAr: 'مدرسة تاكونيت',
    nameFr: 'École Tagounite',
    region: 'draa-tafilalet',
    province: 'Zagora',
    cycle: 'primaire',
    massarLetter: 'P',
  },
  {
    code: 'TIN-01',
    nameAr: 'ثانوية إعدادية مسمرير',
    nameFr: 'Collège Msemrir',
    region: 'draa-tafilalet',
    province: 'Tinghir',
    cycle: 'college',
    massarLetter: 'P',
  },
  {
    code: 'TRD-01',
    nameAr: 'مدرسة إيغرم',
    nameFr: 'École Igherm',
    region: 'souss-massa',
    province: 'Taroudant',
    cycle: 'primaire',
    massarLetter: 'J',
  },
  {
    code: 'TAT-01',
    nameAr: 'ثانوية إعدادية أقا',
    nameFr: 'Collège Akka',
    region: 'souss-massa',
    province: 'Tata',
    cycle: 'college',
    massarLetter: 'J',
  },
];

export interface ClassPlan {
  level: string;
  subject: Subject;
  /** Which of the school's three teachers (0–2) teaches it. */
  teacher: number;
}

// The subjects each school teaches on the tablets. In small rural primaries one teacher often takes
// two levels (classes multiniveaux). The first teacher of each school takes the oldest learners, so the
// demo teacher and the demo learners (prof1, eleve1–3) share a class.
export const CLASS_PLANS: Record<DemoSchool['cycle'], ClassPlan[]> = {
  primaire: [
    { level: '6AP', subject: 'mathematics', teacher: 0 },
    { level: '5AP', subject: 'sciences', teacher: 0 },
    { level: '4AP', subject: 'french', teacher: 1 },
    { level: '3AP', subject: 'mathematics', teacher: 1 },
    { level: '2AP', subject: 'arabic', teacher: 2 },
    { level: '1AP', subject: 'arabic', teacher: 2 },
  ],
  college: [
    { level: '3AC', subject: 'mathematics', teacher: 0 },
    { level: '2AC', subject: 'mathematics', teacher: 0 },
    { level: '1AC', subject: 'mathematics', teacher: 0 },
    { level: '1AC', subject: 'french', teacher: 1 },
    { level: '2AC', subject: 'french', teacher: 1 },
    { level: '3AC', subject: 'physics-chemistry', teacher: 2 },
  ],
};

/** French subject names for class titles, as on Moroccan timetables. */
export const SUBJECT_TITLES: Record<Subject, string> = {
  arabic: 'Arabe',
  french: 'Français',
  tamazight: 'Amazighe',
  mathematics: 'Mathématiques',
  sciences: 'Éveil scientifique',
  'history-geography': 'Histoire-géographie',
  'islamic-education': 'Éducation islamique',
  english: 'Anglais',
  'physics-chemistry': 'Physique-chimie',
  svt: 'SVT',
  philosophy: 'Philosophie',
};

/** The usual age in the school year 2026-2027 for each level: 6 in 1AP, 14 in 3AC. */
export const LEVEL_AGE: Record<string, number> = {
  '1AP': 6,
  '2AP': 7,
  '3AP': 8,
  '4AP': 9,
  '5AP': 10,
  '6AP': 11,
  '1AC': 12,
  '2AC': 13,
  '3AC': 14,
};
