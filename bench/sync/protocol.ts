// Messages between the bench (index.ts) and the Lawh server process (lawh-server.ts).

export interface TabletSetup {
  deviceId: string;
  schoolId: string;
  token: string;
  /** Learners this tablet may speak for (events from anyone else are quarantined). */
  actors: string[];
}

export interface LibraryItem {
  id: string;
  kind: 'lesson' | 'quiz';
  version: number;
}

export interface VerifyRow {
  deviceId: string;
  n: number;
  seqs: number;
  maxSeq: number;
  ids: number;
}

export type ServerMessage =
  | { type: 'ready'; port: number; tablets: TabletSetup[]; library: LibraryItem[]; schools: string[] }
  | { type: 'content-done'; seconds: number; tablet: TabletSetup; changeLogRows: number }
  | {
      type: 'verified';
      pairs: VerifyRow[];
      quarantine: Array<{ reason: string; n: number }>;
      acked: Array<{ deviceId: string; ackedSeq: number }>;
    }
  | { type: 'profiling' }
  | { type: 'profiled'; file: string }
  | { type: 'error'; message: string };
