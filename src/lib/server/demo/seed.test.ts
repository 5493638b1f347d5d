import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from '$lib/domain/documents';
import { roles } from '$lib/domain/schemas/users';
import { findAccountByEmail } from '../auth/accounts';
import { verifyPassword } from '../auth/passwords';
import { tempDatabases } from '../testing/temp-databases';
import { demoPassword, describeDemo, seedDemo, type DemoSignIn } from './seed';

let db: ReturnType<typeof tempDatabases>;
let signIns: DemoSignIn[] | null;
beforeAll(async () => {
	db = tempDatabases();
	signIns = await seedDemo(db, '2026-11-23');
}, 60_000);
afterAll(async () => {
	await db.close();
});

describe('the demo seed', () => {
	it('gives every role one account that can sign in with the demo password', async () => {
		expect(signIns?.map((s) => s.role)).toEqual([...roles]);
		const teacher = await findAccountByEmail(db.users, 'designated-teacher@example.org');
		expect(await verifyPassword(demoPassword, teacher!.passwordHash!)).toBe(true);
		expect(describeDemo(signIns!)).toContain('social-worker@example.org');
	});

	it('writes a record the schemas accept, with a caseload for the demo social worker', async () => {
		const all = await db.record.allDocs({ include_docs: true });
		expect(all.rows.length).toBeGreaterThan(1_000);
		for (const row of all.rows) {
			const { _rev, ...doc } = row.doc as unknown as Record<string, unknown>;
			expect(parseDocument(doc).ok, row.id).toBe(true);
		}
		const worker = await findAccountByEmail(db.users, 'social-worker@example.org');
		const assignment = await db.record.get<{ childIds: string[] }>(`assign:${worker!.userId}`);
		expect(assignment.childIds.length).toBeGreaterThan(5);
	});

	it('does nothing the second time', async () => {
		expect(await seedDemo(db, '2026-11-23')).toBeNull();
	});
});
