/**
 * The scopes a pull answer starts from the beginning: those the device asked for at 0 (or did not
 * name). Such an answer is a snapshot and replaces the scope's rows on the device, in the same
 * transaction as the page: rows a crash left behind would otherwise survive, because compaction
 * may have dropped the tombstones that deleted them.
 */
export function scopesStartingOver(
  requested: Readonly<Record<string, number>>,
  answered: Readonly<Record<string, number>>,
): string[] {
  return Object.keys(answered).filter((scope) => (requested[scope] ?? 0) === 0);
}
