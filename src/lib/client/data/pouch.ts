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

/** The remotes made since requests were last cut off, each by its own controller. */
const live = new Set<AbortController>();

/**
 * Cuts off every request to the server still under way, and every one the remotes made so far
 * would make from now on: the next sync makes a new remote. Cancelling a PouchDB replication stops
 * it starting new batches, but lets requests already sent run on, and what follows a request cut
 * off (PouchDB asks for each document on its own when a batch request fails) would go out too: a
 * download still running when the person signs out would reach the server after their session
 * had ended (and be refused), and a request the old service worker is still answering keeps a new
 * version waiting. What is cut off is asked for again at the next sync.
 */
export function abortRemoteRequests(): void {
	for (const controller of live) controller.abort();
	live.clear();
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
	const cutOff = new AbortController();
	live.add(cutOff);
	return new PouchDB(`${origin}/db/pep`, {
		skip_setup: true,
		fetch: async (url, opts) => {
			// Once cut off, a request fails at once, without reaching the network.
			const signal = opts?.signal ? AbortSignal.any([opts.signal, cutOff.signal]) : cutOff.signal;
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
