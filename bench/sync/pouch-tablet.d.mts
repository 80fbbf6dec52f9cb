// Types for pouch-tablet.mjs (PouchDB ships none); the databases stay opaque to the bench.
export type PouchDatabase = { readonly __pouch: unique symbol };
export declare const POUCH_BATCH: number;
export declare function remoteDb(url: string, counter: { requests: number }): PouchDatabase;
export declare function pouchTablet(events: readonly object[]): Promise<PouchDatabase>;
export declare function addEvents(local: PouchDatabase, events: readonly object[]): Promise<void>;
export declare function pushReplicate(
  local: PouchDatabase,
  remote: PouchDatabase,
): Promise<{ written: number; ms: number }>;
export declare function pullReplicate(remote: PouchDatabase): Promise<{ read: number; ms: number }>;
export declare function loadDocs(url: string, docs: readonly object[]): Promise<void>;
