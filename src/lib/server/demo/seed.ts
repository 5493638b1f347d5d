/**
 * On the first start of an empty server (and unless PEP_DEMO=off), a demo authority: a realistic
 * caseload from the fixture generator, and one account per role that can sign in, so a new user
 * sees a living product at once. Its people and their caseloads are made through the admin path
 * (src/lib/server/admin/), so the demo exercises what a real authority's administrator uses.
 */
import type { FixtureUser } from '$lib/domain/fixtures/generator';
import { generateDemo } from '$lib/domain/fixtures/demo';
import { todayInEngland } from '$lib/domain/calendar/today';
import { roleNames, roles, type Role } from '$lib/domain/schemas/users';
import { setAssignment } from '../admin/assignments';
import { createUser } from '../admin/users';
import { countAccounts } from '../auth/accounts';
import type { Databases } from '../store/databases';

export const demoPassword = 'demo-password-2026';

export interface DemoSignIn {
	role: Role;
	email: string;
	displayName: string;
}

/** Seeds the demo when there are no accounts yet; returns who can sign in, or null. */
export async function seedDemo(
	db: Databases,
	today = todayInEngland()
): Promise<DemoSignIn[] | null> {
	if ((await countAccounts(db.users)) > 0) return null;
	const demo = generateDemo(today);
	const createdAt = new Date().toISOString();
	const featured = new Set<string>();
	const signIns: DemoSignIn[] = [];

	// The featured person of each role comes first: the one whose work the demo shows, placed
	// relative to `today` (fixtures/cast.ts).
	const isFeatured = (user: FixtureUser) => demo.featured[user.role]?.userId === user.userId;
	const people: FixtureUser[] = [
		...demo.users.filter(isFeatured),
		...demo.users.filter((user) => !isFeatured(user)),
		{
			userId: 'demo-admin',
			role: 'admin',
			displayName: 'Demo Administrator',
			email: 'admin@example.org'
		}
	];
	// Accounts and assignments go through the admin path, as a real authority's would.
	for (const person of people) {
		// The first of each role gets an address that is easy to type, and a password.
		const first = !featured.has(person.role);
		featured.add(person.role);
		const email = first ? `${person.role}@example.org` : person.email;
		await createUser(
			db.users,
			{
				email,
				displayName: person.displayName,
				role: person.role,
				authorityId: demo.authority.authorityId,
				...(first ? { password: demoPassword } : {})
			},
			{ userId: person.userId, createdAt }
		);
		if (first) signIns.push({ role: person.role, email, displayName: person.displayName });
	}
	// The record first: an assignment may only name children that exist.
	for (let i = 0; i < demo.documents.length; i += 500) {
		await db.record.bulkDocs(
			demo.documents.slice(i, i + 500) as PouchDB.Core.PutDocument<object>[]
		);
	}
	for (const { userId, childIds, schoolIds, authorityIds } of demo.assignments) {
		await setAssignment(db, userId, { childIds, schoolIds, authorityIds });
	}
	await setAssignment(db, 'demo-admin', { childIds: [], schoolIds: [], authorityIds: [] });
	return signIns.sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role));
}

export function describeDemo(signIns: DemoSignIn[]): string {
	const width = Math.max(...signIns.map((s) => s.email.length));
	const rows = signIns.map(
		(s) => `  ${s.email.padEnd(width)}  ${roleNames[s.role]} (${s.displayName})`
	);
	return ['Demo accounts (password for each: ' + demoPassword + '):', ...rows].join('\n');
}
