/**
 * Sign-in attempts are limited per account and per network address, and invitation codes tried
 * per network address, counted in the users database so every server instance sees the same
 * count. Only failures are recorded; a successful sign-in clears the account's count.
 */
import { createHash } from 'node:crypto';
import { isConflict, isNotFound } from '../store/databases';

export const limits = {
	account: { failures: 5, windowMs: 15 * 60_000 },
	address: { failures: 30, windowMs: 15 * 60_000 },
	/** Invitation codes that did not work, per network address: a person mistypes a few at most. */
	'invitation-address': { failures: 10, windowMs: 15 * 60_000 },
	/** Wrong passwords given with one code for an address that has an account: few, then the code rests. */
	'invitation-code': { failures: 5, windowMs: 24 * 60 * 60_000 }
};

type Kind = keyof typeof limits;
interface AttemptsDoc {
	_id: string;
	_rev?: string;
	failures: number[];
}

const key = (kind: Kind, value: string) =>
	`attempts:${kind}:${createHash('sha256').update(value.toLowerCase()).digest('hex')}`;

/** Seconds until another attempt is allowed, or 0 when one is allowed now. */
export async function retryAfter(
	users: PouchDB.Database,
	kind: Kind,
	value: string,
	now = Date.now()
): Promise<number> {
	const recent = recentFailures(await read(users, key(kind, value)), kind, now);
	const limit = limits[kind];
	if (recent.length < limit.failures) return 0;
	const oldest = recent[recent.length - limit.failures]!;
	return Math.max(1, Math.ceil((oldest + limit.windowMs - now) / 1000));
}

export async function recordFailure(
	users: PouchDB.Database,
	kind: Kind,
	value: string,
	now = Date.now()
): Promise<void> {
	const id = key(kind, value);
	for (let attempt = 0; attempt < 5; attempt += 1) {
		const doc = await read(users, id);
		const failures = [...recentFailures(doc, kind, now), now].slice(-limits[kind].failures * 2);
		try {
			await users.put({ ...doc, failures });
			return;
		} catch (error) {
			if (!isConflict(error)) throw error;
			// Another instance recorded a failure at the same moment: read again and add ours.
		}
	}
}

export async function clearFailures(
	users: PouchDB.Database,
	kind: Kind,
	value: string
): Promise<void> {
	const doc = await read(users, key(kind, value));
	if (doc._rev) await users.remove(doc._id, doc._rev).catch(() => undefined);
}

function recentFailures(doc: AttemptsDoc, kind: Kind, now: number): number[] {
	return doc.failures.filter((t) => t > now - limits[kind].windowMs).sort((a, b) => a - b);
}

async function read(users: PouchDB.Database, id: string): Promise<AttemptsDoc> {
	try {
		return await users.get<AttemptsDoc>(id);
	} catch (error) {
		if (isNotFound(error)) return { _id: id, failures: [] };
		throw error;
	}
}
