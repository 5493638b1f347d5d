/**
 * A session is alive only while the server says so. The signed cookie names a session; the
 * `users` database holds what became of it, read on every request, so that signing out, a
 * disabled account, a new password and a revoked device end it at once on every instance (they
 * share only the database).
 *
 * Every record here is written once and never changed, so two instances of a CouchDB cluster
 * cannot leave it in conflict:
 *   session:{userId}:{sessionId}  made at sign-in: whose, when, until when;
 *   session-device:{sessionId}    the person's own device the session was first used from;
 *   session-end:{sessionId}       made at sign-out.
 * A session is also over once its account is disabled, or its password set after it began.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { accountFrom, type Account } from './accounts';
import { isConflict } from '../store/databases';
import { deviceId as deviceIdSchema } from '../devices/registry';

const sessionRecord = z.object({
	type: z.literal('session'),
	userId: z.string(),
	createdAt: z.string(),
	expiresAt: z.string()
});
const deviceBinding = z.object({ type: z.literal('session-device'), deviceId: z.string() });

const recordId = (userId: string, sessionId: string) => `session:${userId}:${sessionId}`;
const bindingId = (sessionId: string) => `session-device:${sessionId}`;
const endId = (sessionId: string) => `session-end:${sessionId}`;

export const newSessionId = () => randomBytes(24).toString('base64url');

/**
 * Records a session begun now. It is tied to a device later, when one of the person's own devices
 * is first used with it: the device id a browser sends at sign-in may be another person's.
 */
export async function recordSession(
	users: PouchDB.Database,
	input: { userId: string; sessionId: string; expiresAt: Date; now?: Date }
): Promise<void> {
	await users.put({
		_id: recordId(input.userId, input.sessionId),
		type: 'session',
		userId: input.userId,
		createdAt: (input.now ?? new Date()).toISOString(),
		expiresAt: input.expiresAt.toISOString()
	});
}

/** Ends a session for good (signing out). Ending it twice is no different from once. */
export async function endSession(
	users: PouchDB.Database,
	sessionId: string,
	now = new Date()
): Promise<void> {
	try {
		await users.put({ _id: endId(sessionId), type: 'session-end', endedAt: now.toISOString() });
	} catch (error) {
		if (!isConflict(error)) throw error;
	}
}

export type SessionCheck =
	| { alive: true; account: Account }
	| { alive: false; why: 'unknown' | 'ended' | 'expired' | 'account' | 'password' | 'device' };

/**
 * Whether the session named by a verified cookie is alive for a request from `requestDevice`
 * (the device cookie it carries, if any), read in one request to the database. A session is
 * tied to the first device it is used from: the same cookie from anywhere else, or with no
 * device, is refused, so it dies with that device's revocation.
 */
export async function checkSession(
	users: PouchDB.Database,
	claim: { userId: string; sessionId: string },
	requestDevice: string | undefined,
	now = new Date()
): Promise<SessionCheck> {
	const device =
		requestDevice && deviceIdSchema.safeParse(requestDevice).success ? requestDevice : undefined;
	const keys = [
		recordId(claim.userId, claim.sessionId),
		endId(claim.sessionId),
		bindingId(claim.sessionId),
		`user:${claim.userId}`,
		...(device ? [`device:${device}`] : [])
	];
	const found = await users.allDocs({ keys, include_docs: true });
	const docs = found.rows.map((row) => ('doc' in row && row.doc ? (row.doc as unknown) : null));
	const [recordDoc, endDoc, bindingDoc, accountDoc, deviceDoc] = docs;

	const record = sessionRecord.safeParse(recordDoc);
	if (!record.success || record.data.userId !== claim.userId)
		return { alive: false, why: 'unknown' };
	if (endDoc) return { alive: false, why: 'ended' };
	if (Date.parse(record.data.expiresAt) <= now.getTime()) return { alive: false, why: 'expired' };
	const account = accountFrom(accountDoc);
	if (!account || account.disabled) return { alive: false, why: 'account' };
	if (account.passwordSetAt && account.passwordSetAt > record.data.createdAt)
		return { alive: false, why: 'password' };

	const bound = deviceBinding.safeParse(bindingDoc).data?.deviceId;
	if (bound === undefined) {
		// Not yet used from a device: the first of this person's own devices it is used from
		// becomes its own. (A browser may still send the id of whoever unlocked it last.)
		const owner = (deviceDoc as { userId?: unknown } | null)?.userId;
		if (device && owner === claim.userId) await bindSessionDevice(users, claim.sessionId, device);
		return { alive: true, account };
	}
	// Its device's revocation is checked with every request that names the device (hooks).
	if (device !== bound) return { alive: false, why: 'device' };
	return { alive: true, account };
}

/** Ties a session not yet used from a device to `deviceId` (the device just registered, say). */
export async function bindSessionDevice(
	users: PouchDB.Database,
	sessionId: string,
	deviceId: string
): Promise<void> {
	try {
		await users.put({ _id: bindingId(sessionId), type: 'session-device', deviceId });
	} catch (error) {
		// Bound a moment ago by another request of the same session; the next request checks it.
		if (!isConflict(error)) throw error;
	}
}
