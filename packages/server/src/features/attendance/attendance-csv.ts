import type { AttendanceSummary, SummaryQuery } from '@lawh/shared';
import { stringify } from 'csv-stringify/sync';

// The monthly summary as a spreadsheet a school office opens in Excel or LibreOffice. The header row
// is in the teacher's language; the server has no message catalogue, so these few labels live here.

type Lang = SummaryQuery['lang'];
const COLUMNS = ['massar', 'nameAr', 'name', 'present', 'absent', 'late', 'excused', 'rate'] as const;
type Column = (typeof COLUMNS)[number];

const HEADERS: Record<Lang, Record<Column, string>> = {
  ar: {
    massar: 'رمز مسار',
    nameAr: 'الاسم بالعربية',
    name: 'الاسم بالحروف اللاتينية',
    present: 'حاضر',
    absent: 'غائب',
    late: 'متأخر',
    excused: 'غياب مبرر',
    rate: 'نسبة الحضور (%)',
  },
  fr: {
    massar: 'Code Massar',
    nameAr: 'Nom en arabe',
    name: 'Nom',
    present: 'Présent',
    absent: 'Absent',
    late: 'En retard',
    excused: 'Absence justifiée',
    rate: 'Taux de présence (%)',
  },
  en: {
    massar: 'Massar code',
    nameAr: 'Name in Arabic',
    name: 'Name',
    present: 'Present',
    absent: 'Absent',
    late: 'Late',
    excused: 'Excused',
    rate: 'Attendance rate (%)',
  },
  zgh: {
    massar: 'ⴰⵏⴰⵎⴰⵍ ⵎⴰⵙⴰⵔ',
    nameAr: 'ⵉⵙⵎ ⵙ ⵜⵄⵔⴰⴱⵜ',
    name: 'ⵉⵙⵎ',
    present: 'ⵉⵍⵍⴰ',
    absent: 'ⵓⵔ ⵉⵍⵍⵉ',
    late: 'ⵉⵜⵜⵄⴰⵟⴰⵍ',
    excused: 'ⵓⵔ ⵉⵍⵍⵉ ⵙ ⵜⵎⵏⵜⵉⵍⵜ',
    rate: 'ⴰⵙⵎⵉⴹⵏ ⵏ ⵜⵉⵍⵉⵜ (%)',
  },
};

/**
 * RFC 4180 (CRLF, quotes only where needed, doubled inside), UTF-8 with a BOM so that Excel reads the
 * Arabic names as UTF-8. A cell that a spreadsheet would run as a formula (=, +, -, @) is prefixed
 * with a quote: names come from roster imports, which a school does not fully control.
 */
export function summaryCsv(summary: AttendanceSummary, lang: Lang): string {
  const headers = HEADERS[lang];
  return stringify(
    summary.rows.map((r) => [
      r.massarCode ?? '',
      r.nameAr,
      r.name,
      r.present,
      r.absent,
      r.late,
      r.excused,
      r.rate === null ? '' : Math.round(r.rate * 100),
    ]),
    {
      header: true,
      columns: COLUMNS.map((c) => headers[c]),
      bom: true,
      record_delimiter: 'windows',
      escape_formulas: true,
    },
  );
}

/** `attendance-5AP-A-2026-11.csv`, with the full title for browsers that read `filename*`. */
export function summaryFileName(classTitle: string, month: string): { ascii: string; utf8: string } {
  const slug = classTitle.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'class';
  return {
    ascii: `attendance-${slug}-${month}.csv`,
    utf8: encodeURIComponent(`attendance-${classTitle}-${month}.csv`),
  };
}
