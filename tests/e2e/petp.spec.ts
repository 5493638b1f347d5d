import { demoCase } from './support/demo-case';
import { openChild } from './support/pep-pages';
/**
 * A personal adviser writes a young person's Post-16 PETP with no signal: they start the PEP,
 * complete the plan's form on a tablet, reload, and it is all there; back online it syncs, and
 * the Virtual School officer reads it in the plan.
 */
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import {
	phone,
	reloadAndUnlock,
	signedInPage,
	tablet,
	untilKeptOnDevice,
	visit
} from './support/session';

test('a personal adviser writes a PETP offline, and the Virtual School reads it', async ({
	browser
}) => {
	test.setTimeout(420_000);
	const hopes = `To train as an electrician and live near my sister ${Date.now()}`;
	const adviser = await signedInPage(browser, 'personal-adviser@example.org');
	const { page, context } = adviser;
	await page.evaluate(() => navigator.serviceWorker.ready);
	await openChild(page, demoCase('petp').name);

	await context.setOffline(true);
	await page.getByRole('link', { name: 'Start a PEP' }).click();
	await page.getByLabel('Review').check();
	await expect(page.getByTestId('plan')).toBeVisible();
	await page.getByRole('button', { name: 'Start the PEP' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personal Education Plan');
	await expect(page.getByTestId('pep-summary')).toContainText('PETP');
	const pepPath = new URL(page.url()).pathname;

	const form = page.getByRole('link', { name: 'Personal education and training plan' });
	await expect(page.locator('#status-petp')).toContainText('Not started');
	await form.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Personal education and training plan'
	);
	await expectNoAxeViolations(page);
	await page.setViewportSize(phone);
	await expectNoAxeViolations(page);
	await page.setViewportSize(tablet);

	await page.getByLabel('What should we celebrate?').fill('Passed the Level 1 course in July.');
	await page.getByLabel('Hopes and aspirations').fill(hopes);
	// Kept on the device at once; leaving the first box may already have saved it to the record.
	await untilKeptOnDevice(page);
	// Closed and opened again with no signal: what was typed is there.
	await reloadAndUnlock(page);
	await expect(page.getByLabel('Hopes and aspirations')).toHaveValue(hopes, { timeout: 15_000 });
	await page.getByLabel('Decisions made at the meeting').fill('PA to book a visit to the college.');
	await page.getByLabel('Yes, I’ve completed this part').check();
	await page.getByRole('button', { name: 'Save and return to the PEP' }).click();
	await expect(page.locator('#status-petp')).toHaveText('Complete');

	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	const officer = await signedInPage(browser, 'virtual-school@example.org');
	await visit(officer.page, `${pepPath}/plan`);
	await expect(officer.page.getByText(hopes)).toBeVisible({ timeout: 60_000 });
	await expectNoAxeViolations(officer.page);
	await Promise.all([context.close(), officer.context.close()]);
});
