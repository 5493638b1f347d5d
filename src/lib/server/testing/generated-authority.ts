/**
 * One generated authority in real on-disk databases, for tests of the gateway's modules: the
 * documents and assignments are loaded before a file's tests and the databases removed after.
 * Each test file that calls it gets databases of its own, so one file's writes cannot change
 * what another file reads.
 */
import { afterAll, beforeAll } from 'vitest';
import { generateAuthority, type GeneratedAuthority } from '$lib/domain/fixtures/generator';
import type { Role } from '$lib/domain/schemas/users';
import { resolveAccess } from '../gateway/access';
import { tempDatabases } from './temp-databases';

export interface GeneratedAuthorityFixture {
	/** Open from the file's beforeAll to its afterAll. */
	readonly db: ReturnType<typeof tempDatabases>;
	readonly demo: GeneratedAuthority;
	/** The first person of a role. */
	userOf(role: Role): GeneratedAuthority['users'][number];
	/** What the first person of a role may reach, as the gateway works it out. */
	accessOf(role: Role): ReturnType<typeof resolveAccess>;
	/** A person's assignment to children and schools. */
	assigned(userId: string): GeneratedAuthority['assignments'][number];
	/** Every document of one child. */
	docsOf(childId: string): GeneratedAuthority['documents'];
}

/** Call at the top of a test file; the fixture's db is there once the file's tests run. */
export function useGeneratedAuthority(): GeneratedAuthorityFixture {
	// The authority is plain data and the same every time, so it is made now; the databases,
	// which are files on disk, only once the file's tests are about to run.
	const demo = generateAuthority({ seed: 11, children: 12, years: 2, today: '2026-11-23' });
	let db: ReturnType<typeof tempDatabases> | undefined;

	beforeAll(async () => {
		db = tempDatabases();
		await db.record.bulkDocs([
			...demo.documents,
			...demo.assignments
		] as PouchDB.Core.PutDocument<object>[]);
	}, 60_000);
	afterAll(async () => {
		await db?.close();
	});

	const fixture: GeneratedAuthorityFixture = {
		get db() {
			if (!db) throw new Error('The databases are opened in beforeAll: use them inside a test.');
			return db;
		},
		demo,
		userOf: (role) => demo.users.find((u) => u.role === role)!,
		accessOf: (role) => {
			const u = fixture.userOf(role);
			return resolveAccess(
				fixture.db.record,
				{ userId: u.userId, role },
				demo.authority.authorityId
			);
		},
		assigned: (userId) => demo.assignments.find((a) => a.userId === userId)!,
		docsOf: (childId) => demo.documents.filter((d) => 'childId' in d && d.childId === childId)
	};
	return fixture;
}
