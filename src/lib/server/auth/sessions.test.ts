import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDatabases } from '../testing/temp-databases';
import { createAccount } from './accounts';
import { registerDevice } from '../devices/registry';
import {
	bindSessionDevice,
	checkSession,
	endSession,
	newSessionId,
	recordSession
} from './sessions';

let db: ReturnType<typeof tempDatabases>;
const userId = 'session-test-user';
const now = new Date('2027-03-01T10:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

beforeAll(async () => {
	db = tempDatabases();
	await createAccount(db.users, {
		type: 'user',
		schemaVersion: 1,
		userId,
		email: 'session.test@example.org',
		displayName: 'Sam Session',
		role: 'social-worker',
		authorityId: 'demo-authority',
		disabled: false,
		createdAt: now.toISOString()
	});
});
afterAll(async () => {
	await db.close();
});

async function begin() {
	const sessionId = newSessionId();
	await recordSession(db.users, { userId, sessionId, expiresAt: later(60), now });
	return { userId, sessionId };
}
const check = (claim: { userId: string; sessionId: string }, device?: string, at = later(1)) =>
	checkSession(db.users, claim, device, at);

describe('a session', () => {
	it('is alive from sign-in until it is signed out of, and never again after', async () => {
		const claim = await begin();
		expect(await check(claim)).toMatchObject({ alive: true, account: { userId } });
		await endSession(db.users, claim.sessionId);
		await endSession(db.users, claim.sessionId);
		expect(await check(claim)).toEqual({ alive: false, why: 'ended' });
	});

	it('is not alive when the server never began it, or it has run out', async () => {
		expect(await check({ userId, sessionId: 'made-up' })).toEqual({ alive: false, why: 'unknown' });
		const claim = await begin();
		expect(await check({ userId: 'someone-else', sessionId: claim.sessionId })).toMatchObject({
			alive: false
		});
		expect(await check(claim, undefined, later(61))).toEqual({ alive: false, why: 'expired' });
	});

	it('belongs to the first of the person’s own devices it is used from', async () => {
		await registerDevice(db.users, 'device-aaaa-0001', userId);
		await registerDevice(db.users, 'device-bbbb-0002', userId);
		await registerDevice(db.users, 'device-else-0003', 'someone-else');
		const claim = await begin();
		expect(await check(claim)).toMatchObject({ alive: true });
		// A browser may still send the id of whoever unlocked it before: that ties nothing.
		expect(await check(claim, 'device-else-0003')).toMatchObject({ alive: true });
		expect(await check(claim, 'device-aaaa-0001')).toMatchObject({ alive: true });
		expect(await check(claim, 'device-aaaa-0001')).toMatchObject({ alive: true });
		expect(await check(claim, 'device-bbbb-0002')).toEqual({ alive: false, why: 'device' });
		expect(await check(claim, 'device-else-0003')).toEqual({ alive: false, why: 'device' });
		expect(await check(claim)).toEqual({ alive: false, why: 'device' });

		const registeredIn = await begin();
		await bindSessionDevice(db.users, registeredIn.sessionId, 'device-bbbb-0002');
		expect(await check(registeredIn)).toEqual({ alive: false, why: 'device' });
		expect(await check(registeredIn, 'device-bbbb-0002')).toMatchObject({ alive: true });
	});

	it('ends with a new password, and with the account disabled', async () => {
		const claim = await begin();
		const account = await db.users.get<Record<string, unknown>>(`user:${userId}`);
		await db.users.put({ ...account, passwordSetAt: later(5).toISOString() });
		expect(await check(claim, undefined, later(6))).toEqual({ alive: false, why: 'password' });

		const fresh = await begin();
		await db.users.put({
			...(await db.users.get<Record<string, unknown>>(`user:${userId}`)),
			disabled: true
		});
		expect(await check(fresh, undefined, later(6))).toEqual({ alive: false, why: 'account' });
	});
});
