import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateAuthority } from '$lib/domain/fixtures/generator';
import { findAccount, findAccountByEmail } from '../auth/accounts';
import { verifyPassword } from '../auth/passwords';
import { createUser } from '../admin/users';
import { tempDatabases } from '../testing/temp-databases';
import { codeRefused, join, openInvitation } from './join';
import {
	claimInvitation,
	createInvitation,
	findByCode,
	InvitationRefusal,
	listInvitations,
	maxOpenInvitations,
	statusOf,
	withdrawInvitation
} from './store';

const secret = 'a-test-secret-for-invitation-codes';
const address = '203.0.113.7';
let db: ReturnType<typeof tempDatabases>;
let childId: string;
let childAuthorityId: string;

beforeEach(async () => {
	db = tempDatabases();
	const demo = generateAuthority({ seed: 11, children: 1, withAttachmentFiles: false });
	const child = demo.children[0]!;
	childId = child.childId;
	childAuthorityId = child.authorityId;
	await db.record.put(child as PouchDB.Core.PutDocument<object>);
});
afterEach(async () => {
	await db.close();
});

const invite = (now?: Date, role: 'young-person' | 'carer' = 'young-person') =>
	createInvitation(
		db.users,
		{ childId, authorityId: 'walsall', role, displayName: 'Jamie', createdBy: 'worker-1' },
		secret,
		now
	);

async function refusal(promise: Promise<unknown>): Promise<InvitationRefusal> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(InvitationRefusal);
	return error as InvitationRefusal;
}

describe('an invitation', () => {
	it('keeps only a hash of its code, and is found by the code however it is written', async () => {
		const { invitation, code } = await invite();
		const stored = JSON.stringify((await db.users.allDocs({ include_docs: true })).rows);
		expect(stored).not.toContain(code);
		expect(statusOf(invitation)).toBe('open');
		expect((await findByCode(db.users, code, secret))?.invitationId).toBe(invitation.invitationId);
		// Another server secret opens nothing: the hash is keyed.
		expect(await findByCode(db.users, code, 'another-secret')).toBeNull();
		expect(await openInvitation(db, code, address, secret)).toMatchObject({ displayName: 'Jamie' });
	});

	it('expires after seven days', async () => {
		const made = new Date('2026-03-02T09:00:00Z');
		const { invitation, code } = await invite(made);
		expect(invitation.expiresAt).toBe('2026-03-09T09:00:00.000Z');
		expect(statusOf(invitation, new Date('2026-03-09T08:59:59Z'))).toBe('open');
		expect(statusOf(invitation, new Date('2026-03-09T09:00:00Z'))).toBe('expired');
		const late = await refusal(
			openInvitation(db, code, address, secret, new Date('2026-03-09T09:00:01Z'))
		);
		expect([late.status, late.message]).toEqual([404, codeRefused]);
	});

	it('becomes an account with the role and the child, once', async () => {
		const { code } = await invite(undefined, 'carer');
		const account = await join(
			db,
			{ code, email: 'Pat@Example.org', password: 'a long enough password' },
			address,
			secret
		);
		expect(account).toMatchObject({
			email: 'pat@example.org',
			displayName: 'Jamie',
			role: 'carer',
			// The child's authority, from their record.
			authorityId: childAuthorityId,
			disabled: false
		});
		expect(await verifyPassword('a long enough password', account.passwordHash!)).toBe(true);
		expect(await db.record.get(`assign:${account.userId}`)).toMatchObject({
			role: 'carer',
			childIds: [childId]
		});
		const again = await refusal(
			join(db, { code, email: 'other@example.org', password: 'another long one' }, address, secret)
		);
		expect([again.status, again.message]).toEqual([404, codeRefused]);
		expect(await findAccountByEmail(db.users, 'other@example.org')).toBeNull();
		expect((await listInvitations(db.users, childId)).map((i) => statusOf(i))).toEqual(['used']);
	});

	it('lets only one of two people using the same code at once join', async () => {
		const { code } = await invite();
		const invitation = (await findByCode(db.users, code, secret))!;
		const claims = await Promise.all([
			claimInvitation(db.users, invitation, 'first-user'),
			claimInvitation(db.users, invitation, 'second-user')
		]);
		expect(claims.filter(Boolean)).toHaveLength(1);
	});

	it('still works after an email address that is taken, so another can be tried', async () => {
		await createUser(db.users, {
			email: 'taken@example.org',
			displayName: 'Someone',
			role: 'carer',
			authorityId: 'walsall'
		});
		const { code } = await invite();
		const taken = await refusal(
			join(db, { code, email: 'taken@example.org', password: 'a long password' }, address, secret)
		);
		// Answered as a code that does not work: whether the address has an account is not told.
		expect(taken.status).toBe(404);
		expect(taken.message).toBe(codeRefused);
		const account = await join(
			db,
			{ code, email: 'free@example.org', password: 'a long password' },
			address,
			secret
		);
		expect(await findAccount(db.users, account.userId)).not.toBeNull();
	});

	it('stops working when withdrawn, and cannot be withdrawn once used', async () => {
		const first = await invite();
		const withdrawn = await withdrawInvitation(
			db.users,
			childId,
			first.invitation.invitationId,
			'worker-1'
		);
		expect(statusOf(withdrawn)).toBe('withdrawn');
		// Twice is not an error.
		await withdrawInvitation(db.users, childId, first.invitation.invitationId, 'worker-1');
		expect((await refusal(openInvitation(db, first.code, address, secret))).status).toBe(404);

		const second = await invite();
		await join(
			db,
			{ code: second.code, email: 'jamie@example.org', password: 'a long password' },
			address,
			secret
		);
		const used = await refusal(
			withdrawInvitation(db.users, childId, second.invitation.invitationId, 'worker-1')
		);
		expect(used.status).toBe(409);
		expect((await refusal(withdrawInvitation(db.users, childId, 'nope-nope', 'w'))).status).toBe(
			404
		);
	});

	it(`allows at most ${maxOpenInvitations} open invitations for a child`, async () => {
		for (let i = 0; i < maxOpenInvitations; i += 1) await invite();
		expect((await refusal(invite())).status).toBe(409);
	});

	it('stops an address after 10 codes that did not work, even a right one', async () => {
		const { code } = await invite();
		for (let i = 0; i < 10; i += 1) {
			expect((await refusal(openInvitation(db, 'ZZZZZZZZZZZZ', address, secret))).status).toBe(404);
		}
		const stopped = await refusal(openInvitation(db, code, address, secret));
		expect(stopped.status).toBe(429);
		expect(stopped.retryAfterSeconds).toBeGreaterThan(800);
		// Another address is not stopped.
		expect(await openInvitation(db, code, '198.51.100.1', secret)).toBeTruthy();
	});
});
