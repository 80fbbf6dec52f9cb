import type { Config } from '../config';

export async function rosterCommand(_config: Config, _args: string[]): Promise<number> {
  console.error('roster: not built yet');
  return 1;
}
