/**
 * Invitation codes against the real server over HTTP: a social worker makes one for a child on
 * their caseload (and nobody else can), the invited person joins with it once, and a used,
 * withdrawn, expired or unknown code gets one answer. Bad input is refused with a reason and
 * changes nothing; codes that fail are limited per address.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PouchDB from 'pouchdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectBadInputRefused, messageOf, type Answer, type BadInput } from './support/http';
import { demoPassword, signIn, startServer, type RunningServer } from './support/server';

const secret = 'integration-invitation-secret-0123456789';
const codeRefused =
	"That code does not work. Check it and try again. If your email address already has an account, give that account's password with the code. A code works only once, and only for 7 days: if yours has run out, ask your social worker for a new one.";
const codeShape = /^[0-9A-HJKMNP-TV-Z]{4} [0-9A-HJKMNP-TV-Z]{4} [0-9A-HJKMNP-TV-Z]{4}$/;

type Role =
	| 'social-worker'
	| 'designated-teacher'
	| 'virtual-school'
	| 'personal-adviser'
	| 'iro'
	| 'young-person'
	| 'carer'
	| 'admin';
const otherRoles: Role[] = [
	'designated-teacher',
	'virtual-school',
	'personal-adviser',
	'iro',
	'young-person',
	'carer',
	'admin'
];

let dataDir: string;
let app: RunningServer;
const cookies = {} as Record<Role, string>;
/** A child on the demo social worker's caseload, and one in the same authority that is not. */
let childId: string;
let otherChildId: string;

interface Created {
	invitation: { invitationId: string; expiresAt: string; displayName: string; role: string };
	code: string;
}

const invitationsOf = (child: string) => `/api/children/${child}/invitations`;

async function invite(
	displayName = 'Jamie',
	role = 'young-person',
	cookie = cookies['social-worker']
): Promise<Created> {
	const answer = await call(app.url, 'POST', invitationsOf(childId), {
		cookie,
		json: { role, displayName }
	});
	expect(answer.status, answer.text).toBe(201);
	return answer.body as Created;
}

const check = (code: string, server = app) =>
	call(server.url, 'POST', '/api/invitations/check', { json: { code } });
const redeem = (code: string, email: string, password = 'purple tiger jumps high', server = app) =>
	call(server.url, 'POST', '/api/invitations/redeem', { json: { code, email, password } });

async function openInvitations(): Promise<{ invitationId: string; displayName: string }[]> {
	const answer = await call(app.url, 'GET', invitationsOf(childId), {
		cookie: cookies['social-worker']
	});
	expect(answer.status, answer.text).toBe(200);
	return (answer.body as { invitations: { invitationId: string; displayName: string }[] })
		.invitations;
}

function expectCodeRefused(answer: Answer) {
	expect(answer.status, answer.text).toBe(404);
	expect(answer.body).toEqual({ message: codeRefused });
}

/** Stops the server, lets `edit` change its data, and starts it again on the same data. */
async function restart(edit?: (users: PouchDB.Database) => Promise<void>) {
	await app.stop();
	if (edit) {
		const users = new PouchDB(join(dataDir, 'users'));
		try {
			await edit(users);
		} finally {
			await users.close();
		}
	}
	app = await startServer({ dataDir, env: { PEP_SESSION_SECRET: secret } });
}

beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'pep-it-invitations-'));
	app = await startServer({ dataDir, env: { PEP_SESSION_SECRET: secret } });
	for (const role of ['social-worker', ...otherRoles] as Role[]) {
		cookies[role] = await signIn(app.url, `${role}@example.org`, demoPassword);
	}
	const me = (await call(app.url, 'GET', '/api/session', { cookie: cookies['social-worker'] }))
		.body as { user: { userId: string } };
	const assignment = await call(app.url, 'GET', `/db/pep/assign:${me.user.userId}`, {
		cookie: cookies['social-worker']
	});
	const caseload = (assignment.body as { childIds: string[] }).childIds;
	childId = caseload[0]!;
	// The Virtual School reaches every child in the authority.
	const all = await call(app.url, 'GET', '/db/pep/_all_docs', {
		cookie: cookies['virtual-school']
	});
	otherChildId = (all.body as { rows: { id: string }[] }).rows
		.map((row) => /^child:([^:]+)$/.exec(row.id)?.[1])
		.find((id): id is string => id !== undefined && !caseload.includes(id))!;
	expect(otherChildId).toBeTruthy();
}, 180_000);

afterAll(async () => {
	await app?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('making an invitation', () => {
	it('is for the social worker of a child on their caseload: a code to read out, for 7 days', async () => {
		const before = Date.now();
		const answer = await call(app.url, 'POST', invitationsOf(childId), {
			cookie: cookies['social-worker'],
			json: { role: 'carer', displayName: '  Pat Smith ' }
		});
		expect(answer.status, answer.text).toBe(201);
		const { invitation, code } = answer.body as Created;
		expect(code).toMatch(codeShape);
		expect(invitation).toMatchObject({ role: 'carer', displayName: 'Pat Smith', status: 'open' });
		const days = (Date.parse(invitation.expiresAt) - before) / 86_400_000;
		expect(days).toBeGreaterThan(6.95);
		expect(days).toBeLessThan(7.05);

		const open = await openInvitations();
		expect(open.map((i) => i.invitationId)).toContain(invitation.invitationId);
		// The list never shows a code again.
		const listed = await call(app.url, 'GET', invitationsOf(childId), {
			cookie: cookies['social-worker']
		});
		expect(listed.text).not.toContain(code);
		expect(listed.text).not.toContain(code.replace(/ /g, ''));
	});

	it('is refused to every other role, for another child, and to someone not signed in', async () => {
		const count = (await openInvitations()).length;
		const body = { json: { role: 'young-person', displayName: 'Jamie' } };
		for (const role of otherRoles) {
			for (const method of ['POST', 'GET']) {
				const answer = await call(app.url, method, invitationsOf(childId), {
					cookie: cookies[role],
					...(method === 'POST' ? body : {})
				});
				expect(answer.status, `${role} ${method}`).toBe(403);
				expect(messageOf(answer)).toBe('Only a social worker can invite people to join.');
			}
		}
		for (const child of [otherChildId, 'no-such-child', 'a%20b']) {
			const answer = await call(app.url, 'POST', invitationsOf(child), {
				cookie: cookies['social-worker'],
				...body
			});
			expect(answer.status, child).toBe(403);
			expect(messageOf(answer)).toBe('You can invite people only for children on your caseload.');
		}
		const listOther = await call(app.url, 'GET', invitationsOf(otherChildId), {
			cookie: cookies['social-worker']
		});
		expect(listOther.status).toBe(403);
		const signedOut = await call(app.url, 'POST', invitationsOf(childId), body);
		expect([signedOut.status, messageOf(signedOut)]).toEqual([401, 'Sign in to do this.']);
		expect((await openInvitations()).length).toBe(count);
	});

	it('is refused from another website', async () => {
		const fromElsewhere: Record<string, string>[] = [
			{ origin: 'https://elsewhere.example' },
			{ 'sec-fetch-site': 'cross-site' }
		];
		for (const headers of fromElsewhere) {
			const answer = await call(app.url, 'POST', invitationsOf(childId), {
				cookie: cookies['social-worker'],
				json: { role: 'young-person', displayName: 'Jamie' },
				headers
			});
			expect(answer.status).toBe(403);
			expect(messageOf(answer)).toMatch(/came from another website/);
			const joining = await call(app.url, 'POST', '/api/invitations/redeem', {
				json: { code: 'ABCD EFGH JKMN', email: 'a@example.org', password: 'long enough pw' },
				headers
			});
			expect(joining.status).toBe(403);
		}
	});
});

describe('joining with a code', () => {
	it('makes the account with the role and the child, signs them in, and works once', async () => {
		const { code, invitation } = await invite('Jamie');
		const checked = await check(code.toLowerCase().replace(/ /g, '-'));
		expect(checked.status, checked.text).toBe(200);
		expect(checked.body).toEqual({
			displayName: 'Jamie',
			role: 'young-person',
			expiresAt: invitation.expiresAt
		});

		const joined = await redeem(code, 'Jamie.Invited@Example.org');
		expect(joined.status, joined.text).toBe(201);
		expect(joined.body).toMatchObject({ displayName: 'Jamie', role: 'young-person' });
		const cookie = joined.headers
			.getSetCookie()
			.map((header) => header.split(';')[0]!)
			.find((pair) => pair.startsWith('pep_session='))!;
		expect(cookie).toBeTruthy();
		const me = await call(app.url, 'GET', '/api/session', { cookie });
		expect(me.body).toEqual({ user: joined.body });
		const { userId } = joined.body as { userId: string };
		const assignment = await call(app.url, 'GET', `/db/pep/assign:${userId}`, { cookie });
		expect(assignment.body).toMatchObject({ role: 'young-person', childIds: [childId] });
		// They reach their own PEPs through the gateway, and nobody else's record.
		const reached = await call(app.url, 'GET', '/db/pep/_all_docs', { cookie });
		const ids = (reached.body as { rows: { id: string }[] }).rows.map((row) => row.id);
		expect(ids.some((id) => id.startsWith(`child:${childId}:pep:`))).toBe(true);
		expect(
			ids.filter((id) => !/^(authority|assign):/.test(id) && !id.startsWith(`child:${childId}:`))
		).toEqual([]);
		// The password they chose signs them in from now on.
		await signIn(app.url, 'jamie.invited@example.org', 'purple tiger jumps high');

		expectCodeRefused(await redeem(code, 'someone.else@example.org'));
		expectCodeRefused(await check(code));
		expect((await openInvitations()).map((i) => i.invitationId)).not.toContain(
			invitation.invitationId
		);
		const withdraw = await call(
			app.url,
			'DELETE',
			`${invitationsOf(childId)}/${invitation.invitationId}`,
			{ cookie: cookies['social-worker'] }
		);
		expect(withdraw.status).toBe(409);
	});

	it('lets only one of two people joining with the same code at the same moment in', async () => {
		const { code } = await invite('Twin');
		const answers = await Promise.all([
			redeem(code, 'first.twin@example.org'),
			redeem(code, 'second.twin@example.org')
		]);
		expect(answers.map((a) => a.status).sort()).toEqual([201, 404]);
	});

	it('answers an address that has an account as it answers a code that does not work, and counts the try', async () => {
		const { code } = await invite('Carer Two', 'carer');
		// Whether the address has an account is not told: the answer is the one a bad code gets.
		const taken = await redeem(code, 'social-worker@example.org');
		expectCodeRefused(taken);
		expect(taken.headers.getSetCookie()).toEqual([]);
		const unknown = await redeem('ZZZZ-ZZZZ-ZZZZ', 'nobody.at.all@example.org');
		expect(taken.body).toEqual(unknown.body);
		// The code still works for the person it was made for.
		expect((await redeem(code, 'carer.two@example.org')).status).toBe(201);
	});

	it('adds the child to an existing account given its own password, and signs them in', async () => {
		const first = await invite('Carer Three', 'carer');
		expect(
			(await redeem(first.code, 'carer.three@example.org', 'a password of their own')).status
		).toBe(201);
		// A second code for them (their phone was lost, say), given with the address they joined with.
		const { code } = await invite('Carer Three', 'carer');
		const linked = await redeem(code, 'carer.three@example.org', 'a password of their own');
		expect(linked.status, linked.text).toBe(201);
		expect(linked.body).toMatchObject({ role: 'carer' });
		const cookie = linked.headers
			.getSetCookie()
			.map((h) => h.split(';')[0]!)
			.find((pair) => pair.startsWith('pep_session='))!;
		const access = await call(app.url, 'GET', '/api/access', { cookie });
		expect((access.body as { childIds: string[] }).childIds).toContain(childId);
	});

	it('refuses a withdrawn code, with the same answer as an unknown one', async () => {
		const { code, invitation } = await invite('Withdrawn');
		const path = `${invitationsOf(childId)}/${invitation.invitationId}`;
		for (const role of otherRoles) {
			expect((await call(app.url, 'DELETE', path, { cookie: cookies[role] })).status).toBe(403);
		}
		const withdrawn = await call(app.url, 'DELETE', path, { cookie: cookies['social-worker'] });
		expect(withdrawn.status, withdrawn.text).toBe(200);
		expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
		// Twice is not an error.
		expect((await call(app.url, 'DELETE', path, { cookie: cookies['social-worker'] })).status).toBe(
			200
		);
		expect((await openInvitations()).map((i) => i.invitationId)).not.toContain(
			invitation.invitationId
		);
		expectCodeRefused(await redeem(code, 'withdrawn@example.org'));
		expectCodeRefused(await check('ZZZZ ZZZZ ZZZZ'));
		const unknown = await call(app.url, 'DELETE', `${invitationsOf(childId)}/no-such-one`, {
			cookie: cookies['social-worker']
		});
		expect(unknown.status).toBe(404);
	});
});

describe('bad input', () => {
	/** Every document's id and revision, read from the stopped server's data folder. */
	async function snapshot(): Promise<Record<'pep' | 'users', Record<string, string>>> {
		const result = { pep: {}, users: {} } as Record<'pep' | 'users', Record<string, string>>;
		for (const name of ['pep', 'users'] as const) {
			const db = new PouchDB(join(dataDir, name));
			const all = await db.allDocs();
			result[name] = Object.fromEntries(all.rows.map((row) => [row.id, row.value.rev]));
			await db.close();
		}
		return result;
	}
	let before: Awaited<ReturnType<typeof snapshot>>;

	beforeAll(async () => {
		await app.stop();
		before = await snapshot();
		await restart();
	});

	const endpoints: (BadInput & { name: string; path: () => string })[] = [
		{
			name: 'POST /api/children/{childId}/invitations',
			path: () => invitationsOf(childId),
			wrongTypes: { role: 5, displayName: ['Jamie'] },
			expected: /^role: must be one of: young-person, carer; displayName: must be text$/,
			missing: /^role: must be chosen; displayName: is required$/,
			tooLong: {
				body: { role: 'carer', displayName: 'x'.repeat(201) },
				reason: /^displayName: must be at most 200 characters$/
			}
		},
		{
			name: 'POST /api/invitations/check',
			path: () => '/api/invitations/check',
			wrongTypes: { code: 123456789012 },
			expected: /^code: must be text$/,
			missing: /^code: is required$/,
			tooLong: { body: { code: 'A'.repeat(101) }, reason: /^code: must be at most 100 characters$/ }
		},
		{
			name: 'POST /api/invitations/redeem',
			path: () => '/api/invitations/redeem',
			wrongTypes: { code: 'ABCD EFGH JKMN', email: 42, password: true },
			expected: /^email: must be text; password: must be text$/,
			missing: /^code: is required; email: is required; password: is required$/,
			tooLong: {
				body: { code: 'ABCD EFGH JKMN', email: 'a@example.org', password: 'x'.repeat(1001) },
				reason: /^password: must be at most 1,000 characters$/
			}
		}
	];

	for (const endpoint of endpoints) {
		it(`${endpoint.name} refuses bad input with a 4xx that says why`, async () => {
			await expectBadInputRefused(
				(options) =>
					call(app.url, 'POST', endpoint.path(), { cookie: cookies['social-worker'], ...options }),
				app.url,
				endpoint
			);
		});
	}

	it('refuses a code that cannot be one, an email that is not one, and a short password', async () => {
		const { code } = await invite('Careful');
		const refusals = [
			[await check('ABCD EFGH'), /^code: must be 12 letters and numbers, like ABCD EFGH JKMN$/],
			[await check('ABCD EFGH JKMU'), /^code: must be 12 letters and numbers/],
			[await redeem(code, 'not-an-email'), /^email: must be an email address/],
			[await redeem(code, 'short@example.org', 'too short'), /^password: must be at least 12/]
		] as const;
		for (const [answer, reason] of refusals) {
			expect(answer.status, answer.text).toBe(400);
			expect(messageOf(answer)).toMatch(reason);
		}
		// Refused before the code was looked at: it still works.
		expect((await check(code)).status).toBe(200);
	});

	it('changes nothing on the server but the one invitation made above', async () => {
		await app.stop();
		const after = await snapshot();
		const added = Object.keys(after.users).filter((id) => !(id in before.users));
		expect(added).toHaveLength(2);
		expect(added.filter((id) => id.startsWith(`invitation:${childId}:`))).toHaveLength(1);
		expect(added.filter((id) => id.startsWith('invitation-code:'))).toHaveLength(1);
		for (const id of Object.keys(before.users)) expect(after.users[id], id).toBe(before.users[id]);
		expect(after.pep).toEqual(before.pep);
		await restart();
	});
});

describe('a carer who already has an account', () => {
	const accept = (code: string, cookie?: string) =>
		call(app.url, 'POST', '/api/invitations/accept', { cookie, json: { code } });
	const pepsSeenByCarer = async (child: string) => {
		const all = await call(app.url, 'GET', '/db/pep/_all_docs', { cookie: cookies.carer });
		return (all.body as { rows: { id: string }[] }).rows.filter((r) =>
			r.id.startsWith(`child:${child}:pep:`)
		).length;
	};

	it('adds another child with a code, signed in, and the code is used up', async () => {
		// A child on the social worker's caseload that the demo carer does not look after yet.
		const me = (await call(app.url, 'GET', '/api/session', { cookie: cookies['social-worker'] }))
			.body as { user: { userId: string } };
		const caseload = (
			(await call(app.url, 'GET', `/db/pep/assign:${me.user.userId}`, {
				cookie: cookies['social-worker']
			})) as { body: { childIds: string[] } }
		).body.childIds;
		const seen = await Promise.all(caseload.map(pepsSeenByCarer));
		const sibling = caseload[seen.findIndex((n) => n === 0)]!;
		expect(sibling).toBeTruthy();
		const made = await call(app.url, 'POST', invitationsOf(sibling), {
			cookie: cookies['social-worker'],
			json: { role: 'carer', displayName: 'Demo Carer' }
		});
		const { code } = made.body as Created;

		expect((await accept(code)).status).toBe(401);
		const wrongRole = await accept(code, cookies['young-person']);
		expect(wrongRole.status).toBe(403);
		expect(messageOf(wrongRole)).toMatch(/^This code is for a carer, and you are signed in as/);

		const added = await accept(code, cookies.carer);
		expect(added.status, added.text).toBe(201);
		expect(added.body).toEqual({ childId: sibling });
		expect(await pepsSeenByCarer(sibling)).toBeGreaterThan(0);
		expectCodeRefused(await accept(code, cookies.carer));
	});

	it('refuses a young person’s code, and names what the code is for', async () => {
		const { code } = await invite('Jamie', 'young-person');
		const answer = await accept(code, cookies.carer);
		expect(answer.status).toBe(403);
		expect(messageOf(answer)).toMatch(/^This code is for a young person/);
		// Still open for the young person it was made for.
		expect((await check(code)).status).toBe(200);
	});
});

describe('an expired code', () => {
	it('is refused with the same answer, and is no longer listed', async () => {
		const { code, invitation } = await invite('Too Late');
		expect((await check(code)).status).toBe(200);
		await restart(async (users) => {
			const id = `invitation:${childId}:${invitation.invitationId}`;
			const doc = await users.get<{ expiresAt: string }>(id);
			await users.put({ ...doc, expiresAt: new Date(Date.now() - 1000).toISOString() });
		});
		expectCodeRefused(await check(code));
		expectCodeRefused(await redeem(code, 'too.late@example.org'));
		expect((await openInvitations()).map((i) => i.invitationId)).not.toContain(
			invitation.invitationId
		);
	});

	it('never made a thing for the child who was not on the caseload', async () => {
		await app.stop();
		const users = new PouchDB(join(dataDir, 'users'));
		try {
			const all = await users.allDocs({ startkey: 'invitation:', endkey: 'invitation:\ufff0' });
			expect(all.rows.map((row) => row.id.split(':')[1])).not.toContain(otherChildId);
			expect(new Set(all.rows.map((row) => row.id.split(':')[1]))).toEqual(new Set([childId]));
		} finally {
			await users.close();
		}
		await restart();
	});
});

describe('limits on trying codes', () => {
	let limited: RunningServer;
	beforeAll(async () => {
		limited = await startServer();
	}, 180_000);
	afterAll(async () => {
		await limited?.stop();
	});

	/** A code the demo social worker makes on the limited server for a child of theirs. */
	async function inviteOnLimited(role: string, displayName: string): Promise<Created> {
		const sw = await signIn(limited.url, 'social-worker@example.org', demoPassword);
		const me = (await call(limited.url, 'GET', '/api/session', { cookie: sw })).body as {
			user: { userId: string };
		};
		const assignment = await call(limited.url, 'GET', `/db/pep/assign:${me.user.userId}`, {
			cookie: sw
		});
		const child = (assignment.body as { childIds: string[] }).childIds[0]!;
		const made = await call(limited.url, 'POST', invitationsOf(child), {
			cookie: sw,
			json: { role, displayName }
		});
		return made.body as Created;
	}

	it('rests a code after a few wrong passwords for an address that has an account', async () => {
		const { code } = await inviteOnLimited('carer', 'Carer Four');
		for (let i = 0; i < 5; i++)
			expectCodeRefused(await redeem(code, 'iro@example.org', undefined, limited));
		// Even the person it was made for cannot use it now: the social worker makes another.
		expectCodeRefused(await redeem(code, 'carer.four@example.org', undefined, limited));
		await limited.stop();
		limited = await startServer();
	}, 180_000);

	it('stops an address after 10 codes that did not work, even with a right one', async () => {
		const { code } = await inviteOnLimited('young-person', 'Jamie');

		for (let i = 0; i < 10; i += 1) {
			const guess = `${String(i).padStart(4, '2')} ZZZZ ZZZZ`;
			expectCodeRefused(await check(guess, limited));
		}
		for (const stopped of [
			await check(code, limited),
			await redeem(code, 'jamie@example.org', undefined, limited)
		]) {
			expect(stopped.status).toBe(429);
			expect(messageOf(stopped)).toBe(
				'Too many codes have been tried. Wait 15 minutes, then try again.'
			);
			const wait = Number(stopped.headers.get('retry-after'));
			expect(wait).toBeGreaterThan(890);
			expect(wait).toBeLessThanOrEqual(900);
			expect(stopped.headers.getSetCookie()).toEqual([]);
		}
		// Signing in is limited apart: the social worker still can.
		await signIn(limited.url, 'social-worker@example.org', demoPassword);
	});
});
