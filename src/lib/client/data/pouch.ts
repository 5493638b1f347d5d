/**
 * How this device makes a PouchDB database: the contract the data layer depends on, with the
 * browser's implementation here and the tests' in `testing.ts` (the Node build, in memory), so
 * nothing in the data layer needs mocking to run under test.
 */
import type { Cipher } from '../security/cipher';
import { isRevokedAnswer } from '../security/device-id';
import { encryptLocalRecord } from './encrypted-pouch';

/** Makes (or reopens) the local database with this name. */
export type LocalPouchFactory = (name: string) => PouchDB.Database;

/** The browser's PouchDB, loaded on first use: it touches `self` and IndexedDB when imported. */
export async function browserPouch(): Promise<PouchDB.Static> {
	return (await import('pouchdb-browser')).default;
}

/** Local databases in the browser's IndexedDB, as they are on disk (to remove them). */
export async function browserLocalPouch(): Promise<LocalPouchFactory> {
	const PouchDB = await browserPouch();
	return (name) => new PouchDB(name);
}

/** Local databases in the browser's IndexedDB, sealed with this person's key. */
export async function browserEncryptedPouch(cipher: Cipher): Promise<LocalPouchFactory> {
	const PouchDB = await browserPouch();
	return (name) => encryptLocalRecord(new PouchDB(name), cipher);
}

/** What every request to the server listens to, so that `abortRemoteRequests` can cut them off. */
let inFlight = new AbortController();

/**
 * Cuts off every request to the server still under way. Cancelling a PouchDB replication stops it
 * starting new requests but lets those already sent run on: a file still downloading when the
 * person signs out would reach the server after their session had ended (and be refused), and a
 * request the old service worker is still answering keeps a new version waiting. What is cut off
 * is asked for again at the next sync.
 */
export function abortRemoteRequests(): void {
	inFlight.abort();
	inFlight = new AbortController();
}

/**
 * The shared record on the server, through the gateway at `/db/pep`. The session cookie is
 * HttpOnly and same-origin; PouchDB asks for `credentials: 'include'`, which would also send
 * cookies cross-origin, so narrow it.
 */
export async function browserRemotePouch(
	origin = location.origin,
	/** Called when the server answers that this device has been revoked. */
	onRevoked?: () => void
): Promise<PouchDB.Database> {
	const PouchDB = await browserPouch();
	return new PouchDB(`${origin}/db/pep`, {
		skip_setup: true,
		fetch: async (url, opts) => {
			const ours = inFlight.signal;
			const signal = opts?.signal ? AbortSignal.any([opts.signal, ours]) : ours;
			const response = await fetch(url, { ...opts, signal, credentials: 'same-origin' });
			if (onRevoked && response.status === 410) {
				const body: unknown = await response
					.clone()
					.json()
					.catch(() => null);
				if (isRevokedAnswer(response.status, body)) onRevoked();
			}
			return response;
		}
	});
}
