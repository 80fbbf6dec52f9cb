import type { Locale } from '@lawh/shared';

interface Named {
  nameAr: string;
  givenName: string;
  familyName: string;
}

/** A person's name in the script of the interface: Arabic in Arabic, Latin otherwise. */
export const personName = (p: Named, locale: Locale) =>
  locale === 'ar' ? p.nameAr : `${p.givenName} ${p.familyName}`;
