/**
 * The test implementation of `pouch.ts`: the Node build of PouchDB with the in-memory adapter,
 * and fresh names so tests never see each other's data. Imported by tests only.
 */
import PouchDB from 'pouchdb';
import memory from 'pouchdb-adapter-memory';
import { DraftStore } from './drafts';
import { sectionB } from '$lib/domain/schemas/section-b';
import type { LocalPouchFactory } from './pouch';
import { Cipher } from '../security/cipher';
import { encryptLocalRecord } from './encrypted-pouch';

PouchDB.plugin(memory);

let counter = 0;
/** A name no other test uses (memory databases with one name share their data). */
export const freshName = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

export const memoryPouch: LocalPouchFactory = (name) => new PouchDB(name, { adapter: 'memory' });

export function memoryDatabase(prefix = 'db'): PouchDB.Database {
	return memoryPouch(freshName(prefix));
}

/** A drafts database of its own, written at once rather than on a timer. */
export function freshDrafts(): DraftStore {
	return new DraftStore(freshName('pep-drafts'), { flushAfterMs: 0 });
}

/** A fresh, valid Section B document, as a designated teacher's device would first hold it. */
export function sectionBDocument(by = 'teacher-01'): Record<string, unknown> & { _id: string } {
	return sectionB.parse({
		_id: 'child:child-0001:pep:pep-0001:b',
		type: 'pep-b',
		schemaVersion: 1,
		childId: 'child-0001',
		authorityId: 'authority-01',
		pepId: 'pep-0001',
		term: 'autumn',
		updated: { by, at: '2025-01-06T09:00:00.000Z' }
	});
}

/** A clock that moves on a minute each time it is read, so every write has its own time. */
export function tickingClock(start = '2025-01-06T10:00:00.000Z'): () => Date {
	let now = new Date(start).getTime();
	return () => new Date((now += 60_000));
}

/** A data key made the quick way: for tests of what is sealed, not of the passcode. */
export async function testCipher(): Promise<Cipher> {
	const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
		'encrypt',
		'decrypt'
	]);
	return new Cipher(key as CryptoKey);
}

/** A memory database sealed with `cipher`, and a plain handle on the same storage to look at what is on "disk". */
export function encryptedMemoryDatabase(cipher: Cipher, prefix = 'device') {
	const name = freshName(prefix);
	return { db: encryptLocalRecord(memoryPouch(name), cipher), raw: memoryPouch(name) };
}
