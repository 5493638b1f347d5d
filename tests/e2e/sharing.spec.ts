import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { phone, signedInPage, tablet, visit } from './support/session';
import { pepAwaitingShare } from './support/pep-state';

async function scanAtBothSizes(page: Page) {
	await expectNoAxeViolations(page);
	await page.setViewportSize(phone);
	await expectNoAxeViolations(page);
	await page.setViewportSize(tablet);
}

test('the social worker shares a PEP that passed QA, and the IRO reads the plan', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(600_000);
	const { childId, pepId } = await pepAwaitingShare(baseURL!);
	const pepPath = `/children/${childId}/peps/${pepId}`;

	const worker = await signedInPage(browser, 'social-worker@example.org');
	await visit(worker.page, pepPath);
	await expect(worker.page.getByTestId('pep-status')).toHaveText('Passed quality assurance', {
		timeout: 60_000
	});
	await scanAtBothSizes(worker.page);
	await worker.page.getByRole('button', { name: 'Share the PEP' }).click();
	await expect(worker.page.getByTestId('pep-status')).toHaveText('Shared');
	await expect(worker.page.getByTestId('shared')).toContainText('Shared with the young person');
	await expect(worker.page.getByTestId('sync-status')).toContainText('Up to date', {
		timeout: 60_000
	});

	const iro = await signedInPage(browser, 'iro@example.org');
	await visit(iro.page, `${pepPath}/plan`);
	await expect(iro.page.getByTestId('plan')).toContainText('Shared', { timeout: 60_000 });
	await expect(iro.page.getByTestId('targets')).toBeVisible();
	await scanAtBothSizes(iro.page);
	await visit(iro.page, `${pepPath}/quality-assurance`);
	await expect(iro.page.getByRole('heading', { level: 1 })).toHaveText('Quality assurance');
	await expect(iro.page.getByRole('button', { name: /Pass|Return/ })).toHaveCount(0);
	await scanAtBothSizes(iro.page);

	await Promise.all([worker.context.close(), iro.context.close()]);
});

test('a carer reaches their views and the plan shared with them from their home page', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const { context, page } = await signedInPage(browser, 'carer@example.org');
	const mine = page.getByTestId('my-pep');
	await expect(mine).toBeVisible({ timeout: 30_000 });
	await scanAtBothSizes(page);

	await mine.getByRole('link', { name: /The plan shared with you/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('The plan');
	await expect(page.getByTestId('plan')).toContainText('Shared');
	await scanAtBothSizes(page);

	await page.goBack();
	await mine.getByRole('link', { name: 'Your views for the meeting' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Carer’s views');
	await expect(page.getByLabel('What is going well?')).toBeEditable();

	await context.close();
});
