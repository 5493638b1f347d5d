/**
 * A social worker adds a file to a child's record on a tablet with no signal: a file that is too
 * big is named and refused, a good one is kept on the device and listed at once; back online, it
 * syncs, and the Virtual School officer saves the same bytes on their own device.
 */
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { phone, signedInPage, tablet, visit } from './support/session';
import { demoCase } from './support/demo-case';
import { openChild } from './support/pep-pages';

const report = Buffer.from(`Spring term report ${Date.now()}\nReading age: 11 years 2 months\n`);

test('a file added offline is kept, synced, and saved by another person', async ({ browser }) => {
	test.setTimeout(420_000);
	const worker = await signedInPage(browser, 'social-worker@example.org');
	const { page, context } = worker;
	// A child of this journey's own: other browser tests edit other children's records.
	await openChild(page, demoCase('files').name);
	await expect(page).toHaveURL(/\/children\/[^/]+$/);
	const childUrl = page.url();
	await expect(page.getByRole('heading', { level: 2, name: 'Files' })).toBeVisible();

	await context.setOffline(true);
	await page.getByRole('link', { name: 'Add a file' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add a file');
	await expectNoAxeViolations(page);
	await page.setViewportSize(phone);
	await expectNoAxeViolations(page);
	await page.setViewportSize(tablet);

	// Nothing chosen: every problem is named, at the top and by its field.
	await page.getByRole('button', { name: 'Add the file' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toContainText('Select what the file is about');
	await expect(summary).toContainText('Select what kind of file it is');
	await expect(summary).toContainText('Enter a title for the file');
	await expect(summary).toContainText('Choose a file or take a photo');
	await expectNoAxeViolations(page);

	// Too big: named, and what was typed stays.
	const title = `Spring report ${Date.now()}`;
	await page.getByLabel(/’s record$/).check();
	await page.getByLabel('What kind of file is it?').selectOption({ label: 'Progress report' });
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('File or photo').setInputFiles({
		name: 'video.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.alloc(11 * 1024 * 1024, 1)
	});
	await page.getByRole('button', { name: 'Add the file' }).click();
	await expect(summary).toContainText('video.pdf is 11.0 MB: the file must be 10 MB or smaller');
	await expect(page.locator('#file-error')).toBeVisible();
	await expect(page.getByLabel('Title')).toHaveValue(title);

	// A good one, with no signal.
	await page.getByLabel('File or photo').setInputFiles({
		name: 'spring-report.txt',
		mimeType: 'text/plain',
		buffer: report
	});
	await page.getByRole('button', { name: 'Add the file' }).click();
	await expect(page).toHaveURL(childUrl);
	const files = page.getByTestId('attachments');
	await expect(files).toContainText(title);
	await expect(files).toContainText('Progress report');
	await expectNoAxeViolations(page);

	// Back online: it goes to the server with the next sync.
	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	const officer = await signedInPage(browser, 'virtual-school@example.org');
	await visit(officer.page, new URL(childUrl).pathname);
	const listed = officer.page
		.getByTestId('attachments')
		.getByRole('listitem')
		.filter({ hasText: title });
	await expect(listed).toBeVisible({ timeout: 60_000 });
	const download = officer.page.waitForEvent('download');
	await listed.getByRole('button', { name: `Save ${title}` }).click();
	const saved = await download;
	expect(saved.suggestedFilename()).toBe('spring-report.txt');
	const path = await saved.path();
	const { readFileSync } = await import('node:fs');
	expect(readFileSync(path).equals(report)).toBe(true);

	await Promise.all([context.close(), officer.context.close()]);
});
