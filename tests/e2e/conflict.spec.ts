import type { Browser } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { newContextAt } from './support/clock';
import { conflictCase } from './support/demo-case';
import { signIn, visit } from './support/session';

async function device(browser: Browser) {
	const context = await newContextAt(browser);
	const page = await context.newPage();
	await signIn(page, 'social-worker@example.org');
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 90_000 });
	return { context, page };
}

test('the same field changed on two devices offline is shown with both values, and a choice settles it', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const tablet = await device(browser);
	const laptop = await device(browser);
	// A child of its own: the other browser tests edit and withdraw others of this caseload.
	const { childId, pep } = conflictCase();
	await visit(tablet.page, `/children/${childId}/peps/${pep.pepId}`);
	await tablet.page.getByRole('link', { name: 'Social worker information' }).click();
	// The app moves to the part without a page load: its address is right once the heading is.
	await expect(tablet.page.getByRole('heading', { level: 1 })).toHaveText(
		'Social worker information'
	);
	const editorUrl = tablet.page.url();
	await visit(laptop.page, editorUrl);

	// Both go offline and write something different in the same field.
	for (const [d, words] of [
		[tablet, 'Written on the tablet at the meeting.'],
		[laptop, 'Written on the laptop back at the office.']
	] as const) {
		await d.context.setOffline(true);
		const field = d.page.getByLabel('Social worker information');
		await expect(field).toBeEnabled();
		await field.fill(words);
		await field.blur();
		await expect(d.page.getByText('Saved.', { exact: true })).toBeVisible();
	}

	// The tablet syncs first, then the laptop: the laptop's device finds the clash.
	await tablet.context.setOffline(false);
	await expect(tablet.page.getByTestId('sync-status')).toContainText('Up to date', {
		timeout: 60_000
	});
	await laptop.context.setOffline(false);
	await expect(laptop.page.getByTestId('sync-status')).toContainText('Up to date', {
		timeout: 60_000
	});

	const changes = [tablet, laptop];
	let found = null as null | (typeof changes)[number];
	await expect
		.poll(
			async () => {
				for (const d of changes) {
					await visit(d.page, '/changes');
					if ((await d.page.getByTestId('conflict').count()) > 0) {
						found = d;
						return true;
					}
				}
				return false;
			},
			{ timeout: 60_000, intervals: [2_000] }
		)
		.toBe(true);
	const page = found!.page;
	const conflict = page.getByTestId('conflict').first();
	await expect(conflict).toContainText('Written on the tablet at the meeting.');
	await expect(conflict).toContainText('Written on the laptop back at the office.');
	await expectNoAxeViolations(page);

	// Choosing the laptop's words settles it everywhere.
	const laptopRow = conflict.locator('.govuk-summary-list__row', {
		hasText: 'Written on the laptop'
	});
	await laptopRow.getByRole('button').click();
	await expect(page.getByText('Saved. The record now holds the value you chose.')).toBeVisible();
	await expect(page.getByTestId('conflict')).toHaveCount(0);
	// The other device has the choice once sync brings it. A part's page shows the record as it
	// was when the page opened, so it is opened again until then, as a person would.
	for (const d of changes) {
		await expect
			.poll(
				async () => {
					await visit(d.page, editorUrl);
					const field = d.page.getByLabel('Social worker information');
					await expect(field).toBeEnabled();
					return field.inputValue();
				},
				{ timeout: 90_000, intervals: [3_000] }
			)
			.toBe('Written on the laptop back at the office.');
	}
	await Promise.all([tablet.context.close(), laptop.context.close()]);
});
