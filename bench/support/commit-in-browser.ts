/**
 * The entry `browser-commits.ts` bundles for Chromium: `measureCommits` on the browser's own
 * IndexedDB (PouchDB's IndexedDB adapter) and WebCrypto, as on a tablet.
 */
import PouchDB from 'pouchdb-browser';
import { measureCommits as measure, type CommitRun } from './commit-measure';

export const measureCommits = (run: CommitRun) => measure(run, (name) => new PouchDB(name));
