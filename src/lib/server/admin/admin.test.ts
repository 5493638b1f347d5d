import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from '$lib/domain/documents';
import { generateAuthority } from '$lib/domain/fixtures/generator';
import { findAccount, findAccountByEmail } from '../auth/accounts';
import { loadConfig } from '../config';
import { bootstrapAdmin } from './bootstrap';
import { verifyPassword } from '../auth/passwords';
import { tempDatabases } from '../testing/temp-databases';
import { setAssignment } from './assignments';
import { createChild, type NewChild } from './children';
import { AdminRefusal } from './refusal';
import { createUser, disableUser, listUsers } from './users';

let db: ReturnType<typeof tempDatabases>;
beforeEach(() => {
	db = tempDatabases();
});
afterEach(async () => {
	await db.close();
});

const worker = {
	email: 'Sam.Patel@Example.org',
	displayName: 'Sam Patel',
	role: 'social-worker' as const,
	authorityId: 'walsall'
};

/** A child profile as an administrator would send it: no ids, stamps or authorship. */
function childInput(): NewChild {
	const [child] = generateAuthority({ seed: 7, children: 1, withAttachmentFiles: false }).children;
	const {
		_id,
		_rev,
		_attachments,
		type,
		schemaVersion,
		childId,
		authorityId,
		schoolId,
		updated,
		...profile
	} = child!;
	return profile;
}

async function refusal(promise: Promise<unknown>): Promise<AdminRefusal> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(AdminRefusal);
	return error as AdminRefusal;
}

describe('createUser', () => {
	it('creates an account with a new id, a hashed password, and no hash in what it returns', async () => {
		const user = await createUser(db.users, { ...worker, password: 'a long enough password' });
		expect(user).toMatchObject({
			email: 'sam.patel@example.org',
			disabled: false,
			hasPassword: true
		});
		expect(user.userId).toMatch(/^[a-z0-9]{16}$/);
		expect(JSON.stringify(user)).not.toContain('scrypt');
		const account = await findAccount(db.users, user.userId);
		expect(await verifyPassword('a long enough password', account!.passwordHash!)).toBe(true);
		expect(await listUsers(db.users, 'walsall')).toEqual([user]);
		expect(await listUsers(db.users, 'another-authority')).toEqual([]);
	});

	it('refuses a short password, a bad email and an unknown role, naming each field', async () => {
		const error = await refusal(
			createUser(db.users, {
				...worker,
				email: 'not-an-email',
				role: 'head' as never,
				password: 'short'
			})
		);
		expect(error.status).toBe(400);
		expect(error.message).toMatch(/email: must be an email address/);
		expect(error.message).toMatch(/role: must be one of/);
		expect(error.message).toMatch(/password: must be at least 12 characters/);
		expect(await listUsers(db.users, 'walsall')).toEqual([]);
	});

	it('refuses a second account with the same email with a 409', async () => {
		await createUser(db.users, worker);
		const error = await refusal(
			createUser(db.users, { ...worker, email: 'SAM.PATEL@example.org' })
		);
		expect(error.status).toBe(409);
		expect(error.message).toMatch(/^email: sam\.patel@example\.org already has an account/);
	});
});

describe('disableUser', () => {
	it('disables an account, twice without complaint, and refuses an unknown user', async () => {
		const user = await createUser(db.users, worker);
		expect((await disableUser(db.users, user.userId)).disabled).toBe(true);
		expect((await disableUser(db.users, user.userId)).disabled).toBe(true);
		expect((await refusal(disableUser(db.users, 'nobody-here'))).status).toBe(404);
		expect((await refusal(disableUser(db.users, '../etc'))).status).toBe(404);
	});
});

describe('setAssignment', () => {
	it('writes the assignment the gateway reads, replacing the lists given', async () => {
		const user = await createUser(db.users, worker);
		const a = await createChild(
			db.record,
			{ userId: 'admin-1', authorityId: 'walsall' },
			childInput()
		);
		const b = await createChild(
			db.record,
			{ userId: 'admin-1', authorityId: 'walsall' },
			childInput()
		);
		await setAssignment(db, user.userId, { childIds: [b.childId, a.childId, a.childId] });
		const doc = await db.record.get(`assign:${user.userId}`);
		expect(parseDocument(doc).ok).toBe(true);
		expect(doc).toMatchObject({
			type: 'assignment',
			userId: user.userId,
			role: 'social-worker',
			childIds: [a.childId, b.childId].sort(),
			schoolIds: [],
			authorityIds: []
		});
		const view = await setAssignment(db, user.userId, { childIds: [a.childId] });
		expect(view.childIds).toEqual([a.childId]);
	});

	it('refuses a kind of assignment the role does not take, naming the field', async () => {
		const worker1 = await createUser(db.users, worker);
		const teacher = await createUser(db.users, {
			...worker,
			email: 'dt@example.org',
			role: 'designated-teacher'
		});
		const admin = await createUser(db.users, { ...worker, email: 'a@example.org', role: 'admin' });
		expect(
			(await refusal(setAssignment(db, worker1.userId, { schoolIds: ['school-1'] }))).message
		).toBe('schoolIds: Social worker accounts are assigned children, not schools.');
		expect(
			(await refusal(setAssignment(db, teacher.userId, { childIds: ['child-1'] }))).message
		).toBe('childIds: Designated teacher accounts are assigned schools, not children.');
		expect(
			(await refusal(setAssignment(db, admin.userId, { authorityIds: ['walsall'] }))).message
		).toBe('authorityIds: Administrator accounts are not assigned anything.');
		expect(
			(await setAssignment(db, teacher.userId, { schoolIds: ['school-1'], childIds: [] })).schoolIds
		).toEqual(['school-1']);
	});

	it('refuses unknown users, unknown children, bad ids and an empty change', async () => {
		const user = await createUser(db.users, worker);
		expect((await refusal(setAssignment(db, 'nobody-here', { childIds: [] }))).status).toBe(404);
		const unknown = await refusal(setAssignment(db, user.userId, { childIds: ['no-such-child'] }));
		expect(unknown.message).toMatch(
			/^childIds: there is no child record with the id no-such-child/
		);
		const bad = await refusal(setAssignment(db, user.userId, { childIds: ['a b'] }));
		expect(bad.message).toMatch(/^childIds\.0: must be 4–64 letters/);
		expect((await refusal(setAssignment(db, user.userId, {}))).message).toMatch(
			/must give childIds, schoolIds or authorityIds/
		);
		await expect(db.record.get(`assign:${user.userId}`)).rejects.toMatchObject({ status: 404 });
	});
});

describe('createChild', () => {
	it('writes the id and stamps itself, from the creator and the setting', async () => {
		const input = childInput();
		const child = await createChild(
			db.record,
			{ userId: 'admin-1', authorityId: 'walsall' },
			input
		);
		expect(child._id).toBe(`child:${child.childId}`);
		expect(child).toMatchObject({
			authorityId: 'walsall',
			schoolId: input.setting.kind === 'none' ? null : (input.setting.settingId ?? null),
			updated: { by: 'admin-1' }
		});
		expect(parseDocument(await db.record.get(child._id)).ok).toBe(true);
	});

	it('refuses stamps in the body and a profile the schema refuses, naming the field', async () => {
		const creator = { userId: 'admin-1', authorityId: 'walsall' };
		const stamped = await refusal(
			createChild(db.record, creator, { ...childInput(), authorityId: 'elsewhere' } as NewChild)
		);
		expect(stamped.message).toMatch(/has a field that this record does not have: authorityId/);
		const input = childInput();
		const undated = await refusal(
			createChild(db.record, creator, {
				...input,
				person: { ...input.person, dateOfBirth: '2020-02-30' }
			})
		);
		expect(undated.message).toBe('person.dateOfBirth: is not a real calendar date');
		expect((await db.record.allDocs()).rows).toHaveLength(0);
	});
});

describe('the first administrator from the environment', () => {
	it('is created once, and never overwritten', async () => {
		const db = tempDatabases();
		try {
			const env = {
				PEP_ADMIN_EMAIL: 'first.admin@example.org',
				PEP_ADMIN_PASSWORD: 'a long first password',
				PEP_ADMIN_AUTHORITY: 'new-council'
			};
			expect(await bootstrapAdmin(db, loadConfig({}))).toBeNull();
			expect(await bootstrapAdmin(db, loadConfig(env))).toBe('first.admin@example.org');
			expect(await bootstrapAdmin(db, loadConfig(env))).toBeNull();
			expect((await findAccountByEmail(db.users, 'first.admin@example.org'))?.role).toBe('admin');
		} finally {
			await db.close();
		}
	});
});
