import { request as playwrightRequest } from '@playwright/test';
import { expect, test } from './support/test';
import { signIn, unlock } from './support/session';
import { demoCase } from './support/demo-case';

const password = 'demo-password-2026';

test('a child withdrawn from a social worker leaves their device', async ({ page, baseURL }) => {
	test.setTimeout(120_000);
	await signIn(page, 'social-worker@example.org');
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });
	const children = page.getByTestId('children').getByRole('link');
	// The whole caseload has arrived once the count stops changing.
	let before = -1;
	await expect
		.poll(
			async () => {
				const now = await children.count();
				const settled = now > 1 && now === before;
				before = now;
				return settled;
			},
			{ timeout: 30_000, intervals: [1_000] }
		)
		.toBe(true);
	// A child of this journey's own, which no other journey uses.
	const { name: leaving, childId: leavingId } = demoCase('withdrawal');

	// An administrator takes that child off the social worker's caseload.
	const admin = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL! }
	});
	expect(
		(await admin.post('/api/session', { data: { email: 'admin@example.org', password } })).ok()
	).toBe(true);
	const users = (await (await admin.get('/api/admin/users')).json()) as {
		users: { userId: string; email: string }[];
	};
	const worker = users.users.find((u) => u.email === 'social-worker@example.org')!;
	const assignment = (await page.evaluate(
		async (id) => (await fetch(`/db/pep/assign:${id}`)).json(),
		worker.userId
	)) as { childIds: string[] };
	const kept = assignment.childIds.filter((id) => id !== leavingId);
	const changed = await admin.put(`/api/admin/users/${worker.userId}/assignment`, {
		data: { childIds: kept }
	});
	expect(changed.ok(), await changed.text()).toBe(true);

	// The device hears of it at the next sync, and the child's record goes.
	await expect(children).toHaveCount(before - 1, { timeout: 60_000 });
	await expect(page.getByTestId('children')).not.toContainText(leaving);
	// Nothing of the child is left to open on the device.
	await page.goto(`/children/${leavingId}`);
	await unlock(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Child not found');
	await expect(page.getByTestId('pep-year')).toHaveCount(0);
	await admin.dispose();
});
