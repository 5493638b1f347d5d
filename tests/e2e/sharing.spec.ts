import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { pepAwaitingShare } from './support/pep-state';

const password = 'demo-password-2026';
const tablet = { width: 1024, height: 768 };
const phone = { width: 360, height: 740 };

async function signedInPage(browser: Browser, email: string) {
	const context = await browser.newContext({ viewport: tablet });
	const page = await context.newPage();
	await page.goto('/sign-in');
	await page.getByLabel('Email address', { exact: true }).fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome,');
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 180_000 });
	return { context, page };
}

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
	await worker.page.goto(pepPath);
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
	await iro.page.goto(`${pepPath}/plan`);
	await expect(iro.page.getByTestId('plan')).toContainText('Shared', { timeout: 60_000 });
	await expect(iro.page.getByTestId('targets')).toBeVisible();
	await scanAtBothSizes(iro.page);
	await iro.page.goto(`${pepPath}/quality-assurance`);
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
