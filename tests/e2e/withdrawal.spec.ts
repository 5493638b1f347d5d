import { request as playwrightRequest } from '@playwright/test';
import { expect, test } from './support/test';
import { bystander, demoCase } from './support/demo-case';
import { demoPassword, signIn, unlock } from './support/session';

test('a child withdrawn from a social worker leaves their device', async ({ page, baseURL }) => {
	test.setTimeout(120_000);
	// A social worker of this journey's own, holding a child no other journey uses and one that
	// no journey changes: withdrawing a child rebuilds the record on every device of the person
	// it is withdrawn from, and no other journey is working as them.
	const admin = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL! }
	});
	expect(
		(
			await admin.post('/api/session', {
				data: { email: 'admin@example.org', password: demoPassword }
			})
		).ok()
	).toBe(true);
	const { name: leaving, childId: leavingId } = demoCase('withdrawal');
	const staying = bystander();
	const email = `withdrawal-${Date.now()}@example.org`;
	const created = await admin.post('/api/admin/users', {
		data: {
			email,
			displayName: 'Jo Whitfield',
			role: 'social-worker',
			authorityId: 'demo-authority',
			password: demoPassword
		}
	});
	expect(created.ok(), await created.text()).toBe(true);
	const { userId } = (await created.json()) as { userId: string };
	const assign = (childIds: string[]) =>
		admin.put(`/api/admin/users/${userId}/assignment`, { data: { childIds } });
	const assigned = await assign([leavingId, staying.childId]);
	expect(assigned.ok(), await assigned.text()).toBe(true);

	await signIn(page, email);
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });
	const children = page.getByTestId('children').getByRole('link');
	await expect(children).toHaveCount(2, { timeout: 30_000 });
	await expect(page.getByTestId('children')).toContainText(leaving);

	// An administrator takes one child off the social worker's caseload.
	const changed = await assign([staying.childId]);
	expect(changed.ok(), await changed.text()).toBe(true);

	// The device hears of it at the next sync, and the child's record goes; the other stays.
	await expect(children).toHaveCount(1, { timeout: 60_000 });
	await expect(page.getByTestId('children')).not.toContainText(leaving);
	await expect(page.getByTestId('children')).toContainText(staying.name);
	// Nothing of the child is left to open on the device.
	await page.goto(`/children/${leavingId}`);
	await unlock(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Child not found');
	await expect(page.getByTestId('pep-year')).toHaveCount(0);
	await admin.dispose();
});
