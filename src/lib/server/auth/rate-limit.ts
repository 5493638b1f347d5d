/**
 * Failed attempts, counted in the users database so every server instance sees the same count.
 * Only failures are recorded. Each kind either locks (no more tries until the window has moved on
 * past enough failures) or slows (each failure past the allowance doubles the wait after it, up
 * to the window): a lock is for a count that one person's guessing fills (an account from one
 * address, one code), a slowdown for a count that strangers share (an account from anywhere, a
 * network address), so nobody can hand out long lockouts. Sign-in's use of them is in
 * `sign-in-limits.ts`.
 */
import { createHash } from 'node:crypto';
import { isConflict, isNotFound } from '../store/databases';

interface Limit {
	failures: number;
	windowMs: number;
	after: 'lock' | 'slow';
}

const fifteenMinutes = 15 * 60_000;

export const limits = {
	/** Wrong passwords for one account from one network address: one person guessing. */
	'account-address': { failures: 5, windowMs: fifteenMinutes, after: 'lock' },
	/** Wrong passwords for one account from anywhere: guessing spread over many addresses. */
	account: { failures: 10, windowMs: fifteenMinutes, after: 'slow' },
	/** Wrong passwords from one network address for any account: a school's network is shared. */
	address: { failures: 30, windowMs: fifteenMinutes, after: 'slow' },
	/** Wrong passwords from a browser where the account has signed in before. */
	'known-device': { failures: 5, windowMs: fifteenMinutes, after: 'lock' },
	/** Invitation codes that did not work, per network address: a person mistypes a few at most. */
	'invitation-address': { failures: 10, windowMs: fifteenMinutes, after: 'lock' },
	/** Wrong passwords given with one code for an address that has an account: few, then the code rests. */
	'invitation-code': { failures: 5, windowMs: 24 * 60 * 60_000, after: 'lock' }
} satisfies Record<string, Limit>;

export type LimitKind = keyof typeof limits;
type Kind = LimitKind;
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
	return waitAfter(recentFailures(await read(users, key(kind, value)), kind, now), kind, now);
}

/** Seconds to wait after these failures (oldest first), by the kind's rule. */
export function waitAfter(failures: readonly number[], kind: Kind, now: number): number {
	const limit: Limit = limits[kind];
	if (failures.length < limit.failures) return 0;
	const until =
		limit.after === 'lock'
			? failures[failures.length - limit.failures]! + limit.windowMs
			: failures[failures.length - 1]! + slowdownMs(failures.length - limit.failures, limit);
	const wait = Math.ceil((until - now) / 1000);
	return wait > 0 ? wait : 0;
}

/** One second after the allowance is used up, doubling with each failure after, up to the window. */
function slowdownMs(failuresPastAllowance: number, limit: Limit): number {
	return Math.min(1000 * 2 ** Math.min(failuresPastAllowance, 30), limit.windowMs);
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
