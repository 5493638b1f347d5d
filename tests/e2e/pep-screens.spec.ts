import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { reloadAndUnlock, signIn, signedInPage, untilUpToDate } from './support/session';
import { demoCase } from './support/demo-case';
import { openChild } from './support/pep-pages';

for (const viewport of [
	{ name: 'tablet', width: 1024, height: 768 },
	{ name: 'phone', width: 360, height: 740 }
]) {
	test(`the home screen shows what is waiting and finds a child as you type (${viewport.name})`, async ({
		page
	}) => {
		test.setTimeout(240_000);
		await page.setViewportSize(viewport);
		await signIn(page, 'designated-teacher@example.org');
		await untilUpToDate(page);
		const rows = page.getByTestId('children').locator('tbody tr');
		await expect(rows.first()).toBeVisible();
		// The table redraws a moment after the last documents land: wait until it stops growing.
		let total = -1;
		await expect
			.poll(
				async () => {
					const now = await rows.count();
					const settled = now === total;
					total = now;
					return settled;
				},
				{ timeout: 30_000, intervals: [1_500] }
			)
			.toBe(true);
		await expect(page.getByTestId('children-count')).toHaveText(`${total} children`);
		await expectNoAxeViolations(page);

		// Type part of one child's family name: the table narrows at once, and says so.
		const name = (await rows
			.nth(Math.min(2, total - 1))
			.locator('th a')
			.textContent())!.trim();
		const family = name.split(' ').at(-1)!;
		await page.getByLabel('Find a child').fill(family.slice(0, 4).toLowerCase());
		await expect(rows.filter({ hasText: name })).toHaveCount(1);
		const matching = await rows.count();
		expect(matching).toBeLessThanOrEqual(total);
		await expect(page.getByTestId('children-count')).toContainText(`${matching}`);
		await page.getByLabel('Find a child').fill('no child is called this');
		await expect(rows).toHaveCount(0);
		await expect(page.getByTestId('children-count')).toHaveText(`0 of ${total} children match`);
	});
}

test('a Virtual School officer’s home draws 25 children at a time, and finds any of them as they type', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const { page, context } = await signedInPage(browser, 'virtual-school@example.org');
	const rows = page.getByTestId('children').locator('tbody tr');
	const count = page.getByTestId('children-count');
	// The whole authority: 40 children in the demo, once the last documents have landed.
	await expect(count).toHaveText('40 children', { timeout: 30_000 });
	await expect(rows).toHaveCount(25);
	await expect(page.getByTestId('children-shown')).toContainText('Showing the first 25 of 40');
	await expectNoAxeViolations(page);

	await page.getByRole('button', { name: 'Show 15 more children' }).click();
	await expect(rows).toHaveCount(40);
	await expect(page.getByTestId('children-shown')).toHaveCount(0);
	await expect(page.getByRole('button', { name: /more children/ })).toHaveCount(0);
	const last = (await rows.last().locator('th a').textContent())!.trim();

	// A child beyond the first 25 is found by typing, and typing draws from the top again.
	await page.getByLabel('Find a child').fill(last.split(' ').at(-1)!.toLowerCase());
	await expect(rows.filter({ hasText: last })).toHaveCount(1);
	await page.getByLabel('Find a child').fill('');
	await expect(rows).toHaveCount(25);
	await context.close();
});

test('a social worker starts a PEP offline, and Section A keeps a wrong date as a draft until it is put right', async ({
	page,
	context
}) => {
	test.setTimeout(300_000);
	await signIn(page, 'social-worker@example.org');
	await untilUpToDate(page);
	await page.evaluate(() => navigator.serviceWorker.ready);

	// The waiting list says what is overdue, with the rule in words.
	const waiting = page.getByTestId('waiting');
	if ((await waiting.count()) > 0) {
		await expect(waiting.getByRole('listitem').first()).toContainText(
			/due by|set for|no deadline/i
		);
	}

	// A child the other browser tests do not use.
	await openChild(page, demoCase('pepScreens').name);
	await expect(page.getByTestId('profile')).toContainText('Date of birth');
	// The whole year shows: every term of the current academic year has a row.
	const thisYear = page.getByTestId('pep-year').first();
	for (const term of ['Autumn', 'Spring', 'Summer']) {
		await expect(thisYear.getByRole('rowheader', { name: term }).first()).toBeVisible();
	}
	await expectNoAxeViolations(page);

	// No signal from here on.
	await context.setOffline(true);
	await page.getByRole('link', { name: 'Start a PEP' }).click();
	await page.getByRole('button', { name: 'Start the PEP' }).click();
	await expect(page.getByRole('alert')).toContainText('Select why this PEP is being held');
	await expectNoAxeViolations(page);
	await page.getByLabel('Initial PEP').check();
	await expect(page.getByTestId('plan')).toContainText(/school days after entering care/);
	await page.getByRole('button', { name: 'Start the PEP' }).click();

	// The new PEP, as a task list of its parts.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personal Education Plan');
	await expect(page.getByTestId('pep-summary')).toContainText('Initial PEP');
	await expect(page.getByTestId('pep-status')).toHaveText('Being prepared');
	const personalCare = page.getByRole('link', { name: 'Personal and care information' });
	await expect(page.getByText('Not started').first()).toBeVisible();
	await expectNoAxeViolations(page);
	await personalCare.click();

	// A date that does not exist is kept as typed, and named as the problem.
	await page.getByLabel('Day').fill('31');
	await page.getByLabel('Month').fill('2');
	await page.getByLabel('Year').fill('2026');
	await page.getByLabel('Notes for this PEP').fill('Moved to a new foster placement in October.');
	await page.getByLabel('Yes, I’ve completed this part').check();
	await page.getByRole('button', { name: 'Save and return to the PEP' }).click();
	await expect(page.getByRole('alert')).toContainText('When did you check the profile');
	await expectNoAxeViolations(page);

	// Reloaded (still offline): what was typed is all still there.
	await reloadAndUnlock(page);
	await expect(page.getByLabel('Notes for this PEP')).toHaveValue(
		'Moved to a new foster placement in October.'
	);
	await expect(page.getByLabel('Day')).toHaveValue('31');

	// Put right, it saves, and the task list says the part is complete.
	await page.getByLabel('Day').fill('27');
	await page.getByRole('button', { name: 'Save and return to the PEP' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personal Education Plan');
	await expect(page.locator('#status-personal-care')).toHaveText('Complete');
	await expect(page.locator('#status-social-worker-information')).toContainText('Not started');

	// Back online, it reaches the server: the change count returns to none.
	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });
});
