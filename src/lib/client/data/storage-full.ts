/**
 * A full device is the one storage failure a person can do something about, so it is never
 * swallowed: every store on the device reports it here, and the sync status shows it.
 */

export const outOfStorageMessage =
	'This device is out of storage space, so new changes cannot be saved. Nothing already saved ' +
	'has been lost. Free some space by removing apps, photos or files you no longer need, then ' +
	'carry on.';

type Listener = (error: unknown) => void;
const listeners = new Set<Listener>();

/** Calls `listener` whenever a store on this device runs out of space; returns an unsubscribe. */
export function onQuotaExceeded(listener: Listener): () => void {
	listeners.add(listener);
	return () => listeners.delete(listener);
}

/** Tells the listeners if `error` is a full device; returns whether it was. Never throws. */
export function reportIfQuotaExceeded(error: unknown): boolean {
	if (!isQuotaExceeded(error)) return false;
	for (const listener of listeners) listener(error);
	return true;
}

/**
 * IndexedDB raises a `QuotaExceededError` DOMException; Dexie and PouchDB wrap it (`inner`,
 * `cause`, or only the name in the message), so look through the wrappers.
 */
export function isQuotaExceeded(error: unknown, depth = 0): boolean {
	if (depth > 4 || typeof error !== 'object' || error === null) return false;
	const e = error as Record<string, unknown>;
	if (e.name === 'QuotaExceededError') return true;
	const text = [e.message, e.reason].filter((t) => typeof t === 'string').join(' ');
	if (/QuotaExceeded/i.test(text)) return true;
	return [e.inner, e.cause, e.error].some((inner) => isQuotaExceeded(inner, depth + 1));
}
