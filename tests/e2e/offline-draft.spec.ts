import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { signedInPage, unlock, visit } from './support/session';
import { demoCase } from './support/demo-case';
import { openChild } from './support/pep-pages';

test('a draft typed offline survives closing the tab, and reaches only those who may see it', async ({
	browser
}) => {
	test.setTimeout(420_000);
	const words = `Written offline at the kitchen table ${Date.now()}`;

	// A social worker signs in online; their caseload syncs to the tablet.
	const { context, page } = await signedInPage(browser, 'social-worker@example.org');
	// The first sync brings the whole caseload, files and all: on a busy machine that takes a while.
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 150_000 });
	const member = demoCase('offlineDraft');
	await openChild(page, member.name);
	await expectNoAxeViolations(page);
	await page.locator(`[data-testid="pep-year"] a[href$="/peps/${member.pepId}"]`).click();
	await expectNoAxeViolations(page);
	await page.getByRole('link', { name: 'Social worker information' }).click();
	const editor = page.getByLabel('Social worker information');
	await expect(editor).toBeEnabled();
	const partPage = page.url();
	const pepPage = partPage.replace(/\/parts\/social-worker-information$/, '');
	await expectNoAxeViolations(page);
	// Let the service worker finish installing, so the app can start with no network.
	await page.evaluate(() => navigator.serviceWorker.ready);

	// The signal drops; they type, and close the tab without saving.
	await context.setOffline(true);
	await editor.fill(words);
	await page.waitForTimeout(400);
	const editorUrl = page.url();
	await page.close();

	// Reopened with no network: the app starts, unlocks, and what was typed is still there.
	const again = await context.newPage();
	await again.goto(editorUrl);
	await unlock(again);
	await expect(again.getByLabel('Social worker information')).toHaveValue(words, {
		timeout: 15_000
	});
	await expect(again.getByTestId('sync-status')).toContainText('Offline');

	// Back online: leaving the field saves it to the record, and it syncs.
	await context.setOffline(false);
	await again.getByLabel('Social worker information').blur();
	await expect(again.getByTestId('sync-status')).toContainText(/Up to date/, { timeout: 30_000 });

	// The Virtual School officer, who sees every child in the authority, gets it.
	// Their first sync brings the whole authority to the device, so let it finish first.
	const officer = await signedInPage(browser, 'virtual-school@example.org');
	await expect(officer.page.getByTestId('sync-status')).toContainText('Up to date', {
		timeout: 120_000
	});
	await officer.page.goto(partPage);
	await unlock(officer.page);
	await expect(officer.page.getByTestId('value-history')).toHaveText(words, { timeout: 30_000 });
	await expectNoAxeViolations(officer.page);

	// A young person, who never sees Section A, does not.
	const youngPerson = await signedInPage(browser, 'young-person@example.org');
	await youngPerson.page.goto(pepPage);
	await unlock(youngPerson.page);
	await expect(youngPerson.page.getByRole('heading', { level: 1 })).toHaveText(
		'Personal Education Plan'
	);
	await expect(youngPerson.page.getByTestId('task-list')).toHaveCount(0);
	expect(await youngPerson.page.content()).not.toContain(words);
	await visit(youngPerson.page, partPage);
	await expect(youngPerson.page.getByRole('heading', { level: 1 })).toHaveText(
		'You cannot see this part of the PEP'
	);
	expect(await youngPerson.page.content()).not.toContain(words);

	await Promise.all([context.close(), officer.context.close(), youngPerson.context.close()]);
});
