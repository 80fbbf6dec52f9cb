// Value lists that schemas build their enums from, kept free of zod: the tablet's first bundle
// needs the lists (language picker, subject names, sign-in grid) but not the schemas. The schema
// files re-export them, so `@lawh/shared` offers them as before.

export const LOCALES = ['ar', 'fr', 'zgh', 'en'] as const;

export const SUBJECTS = [
  'arabic',
  'french',
  'tamazight',
  'mathematics',
  'sciences',
  'history-geography',
  'islamic-education',
  'english',
  'physics-chemistry',
  'svt',
  'philosophy',
] as const;

/** The twelve pictures of the sign-in grid; a picture code is three of them, in order. */
export const SIGN_IN_PICTURES = [
  'sun',
  'moon',
  'star',
  'tree',
  'flower',
  'fish',
  'bird',
  'cat',
  'camel',
  'apple',
  'boat',
  'house',
] as const;
