/**
 * "Waiting for you" lists every PEP whose next step is this person's, not only each child's
 * latest: the Virtual School's quality-assurance queue, a PEP returned to the school. Each kind of
 * step is counted, and the list can show one kind alone.
 */
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { queuedForQaCase, returnedCase } from './support/demo-case';
import { phone, signedInPage, tablet } from './support/session';

test('the Virtual School officer’s list holds the PEP waiting for quality assurance, and shows that kind alone', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const queued = queuedForQaCase();
	const { page, context } = await signedInPage(browser, 'virtual-school@example.org', tablet);
	const waiting = page.getByTestId('waiting');
	await expect(waiting).toBeVisible({ timeout: 30_000 });

	const kinds = page.getByTestId('waiting-kinds');
	const qa = kinds.getByLabel(/^Quality assurance \(\d+\)$/);
	await expect(qa).toBeVisible({ timeout: 30_000 });
	await qa.check();
	const items = waiting.getByRole('listitem');
	await expect(items.first()).toContainText('Virtual School quality assurance');
	// Every step shown is quality assurance, and the signed PEP is among them.
	for (const text of await items.allTextContents()) {
		expect(text).toContain('Virtual School quality assurance');
	}
	await expect(
		waiting.getByRole('link', { name: `${queued.name}: Virtual School quality assurance` })
	).toBeVisible();
	// The count beside the choice is the length of the list (up to the first page of it).
	const counted = Number(/\((\d+)\)/.exec((await qa.locator('xpath=..').textContent())!)![1]);
	await expect(items).toHaveCount(Math.min(counted, 20));
	await expectNoAxeViolations(page);

	await context.close();
});

test('a PEP returned for changes is on the designated teacher’s list (phone)', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const returned = returnedCase();
	const { page, context } = await signedInPage(browser, 'designated-teacher@example.org', phone);
	const waiting = page.getByTestId('waiting');
	await expect(waiting).toBeVisible({ timeout: 30_000 });
	await page
		.getByTestId('waiting-kinds')
		.getByLabel(/^Returned for changes \(\d+\)$/)
		.check();
	const link = waiting.getByRole('link', {
		name: `${returned.name}: Make the changes the Virtual School asked for`
	});
	await expect(link).toBeVisible();
	await expectNoAxeViolations(page);
	await link.click();
	await expect(page).toHaveURL(new RegExp(`/children/${returned.childId}/peps/${returned.pepId}$`));
	await context.close();
});
