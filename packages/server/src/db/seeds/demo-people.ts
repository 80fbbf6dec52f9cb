import { LEVELS, searchKey } from '@lawh/shared';
import type { NewUser } from '../schema';
import {
  ADULT_FEMALE_NAMES,
  ADULT_MALE_NAMES,
  FAMILY_NAMES,
  FEMALE_GIVEN_NAMES,
  MALE_GIVEN_NAMES,
  type Name,
} from './demo-names';
import { type DemoSchool, LEVEL_AGE } from './demo-places';
import type { Rng } from './demo-random';

/** A user row as the seed builds it: every column set, so all rows of a batch insert have the same shape. */
export type SeedUser = Required<NewUser>;

/** A learner with the level the seed enrols them at (the users table has no level column). */
export interface SeedLearner {
  row: SeedUser;
  level: string;
}

export const STAFF_CREATED_AT = '2026-09-01T08:00:00.000Z';
export const LEARNERS_CREATED_AT = '2026-09-10T08:00:00.000Z';
const SCHOOL_YEAR = 2026;

const userSearchText = (
  u: Pick<SeedUser, 'nameAr' | 'givenName' | 'familyName' | 'massarCode' | 'username'>,
) => searchKey(u.nameAr, u.givenName, u.familyName, u.massarCode, u.username);

function baseUser(id: string, createdAt: string): SeedUser {
  return {
    id,
    sourcedId: null,
    role: 'learner',
    schoolId: null,
    username: null,
    passwordHash: null,
    nameAr: '',
    givenName: '',
    familyName: '',
    sex: null,
    birthYear: null,
    massarCode: null,
    guardianName: null,
    guardianPhone: null,
    consentStatus: null,
    consentDate: null,
    locale: 'ar',
    searchText: '',
    archivedAt: null,
    createdAt,
    updatedAt: createdAt,
  };
}

/** A staff account (programme admin, school admin or teacher) with a generated adult name. */
export function buildStaff(
  rng: Rng,
  role: 'programme_admin' | 'school_admin' | 'teacher',
  username: string,
  schoolId: string | null,
  passwordHash: string,
): SeedUser {
  const female = rng.chance(0.45);
  const given = rng.pick(female ? ADULT_FEMALE_NAMES : ADULT_MALE_NAMES);
  const family = rng.pick(FAMILY_NAMES);
  const row: SeedUser = {
    ...baseUser(rng.uuid(), STAFF_CREATED_AT),
    role,
    schoolId,
    username,
    passwordHash,
    nameAr: `${given.ar} ${family.ar}`,
    givenName: given.latin,
    familyName: family.latin,
    sex: female ? 'F' : 'M',
    // Staff in French-medium subjects and at the programme office often work in French.
    locale: rng.chance(0.3) ? 'fr' : 'ar',
  };
  return { ...row, searchText: userSearchText(row) };
}

/** Massar-style codes (one capital letter, nine digits), unique across the whole demo. */
export function massarCodes(rng: Rng): (letter: string) => string {
  const used = new Set<string>();
  return (letter) => {
    for (;;) {
      const code = `${letter}${rng.int(1, 9)}${rng.digits(8)}`;
      if (!used.has(code)) {
        used.add(code);
        return code;
      }
    }
  };
}

function guardianName(rng: Rng, family: Name): string {
  // Mostly the father, who shares the child's family name; otherwise the mother, who keeps her own.
  const father = rng.chance(0.65);
  const given = rng.pick(father ? ADULT_MALE_NAMES : ADULT_FEMALE_NAMES);
  const surname = father ? family : rng.pick(FAMILY_NAMES);
  return rng.chance(0.6) ? `${given.ar} ${surname.ar}` : `${given.latin} ${surname.latin}`;
}

/** About 75 learners of one school, spread over its levels, about half of them girls. */
export function buildLearners(
  rng: Rng,
  school: DemoSchool & { id: string },
  nextMassar: (letter: string) => string,
): SeedLearner[] {
  const levels = LEVELS[school.cycle];
  const count = rng.int(70, 80);
  const learners: SeedLearner[] = [];
  for (let i = 0; i < count; i++) {
    const level = levels[i % levels.length] as string;
    const female = rng.chance(0.5);
    const given = rng.pick(female ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES);
    const family = rng.pick(FAMILY_NAMES);
    // Repeating a year is common in rural schools, so some learners are a year older than their level.
    const age = (LEVEL_AGE[level] as number) + (rng.chance(0.15) ? 1 : 0);
    const roll = rng.next();
    const consentStatus = roll < 0.86 ? 'granted' : roll < 0.96 ? 'pending' : 'refused';
    const row: SeedUser = {
      ...baseUser(rng.uuid(), LEARNERS_CREATED_AT),
      schoolId: school.id,
      nameAr: `${given.ar} ${family.ar}`,
      givenName: given.latin,
      familyName: family.latin,
      sex: female ? 'F' : 'M',
      birthYear: SCHOOL_YEAR - age,
      massarCode: nextMassar(school.massarLetter),
      guardianName: guardianName(rng, family),
      guardianPhone: rng.chance(0.95) ? `+2126${rng.digits(8)}` : null,
      consentStatus,
      consentDate: consentStatus === 'pending' ? null : `2026-09-${String(rng.int(14, 30)).padStart(2, '0')}`,
    };
    learners.push({ row: { ...row, searchText: userSearchText(row) }, level });
  }
  return learners;
}

/** Gives a learner a sign-in (the three demo learners); their guardian has consented. */
export function withLogin(learner: SeedLearner, username: string, passwordHash: string): SeedLearner {
  const row: SeedUser = {
    ...learner.row,
    username,
    passwordHash,
    consentStatus: 'granted',
    consentDate: learner.row.consentDate ?? '2026-09-15',
  };
  return { ...learner, row: { ...row, searchText: userSearchText(row) } };
}
