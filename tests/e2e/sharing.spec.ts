import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { phone, reloadAndUnlock, signedInPage, tablet, visit } from './support/session';
import { demoCase, sharedPlanOf } from './support/demo-case';
import { formatLongDate } from '../../src/lib/domain/rules/deadlines';

async function scanAtBothSizes(page: Page) {
	await expectNoAxeViolations(page);
	await page.setViewportSize(phone);
	await expectNoAxeViolations(page);
	await page.setViewportSize(tablet);
}

test('the social worker shares a PEP that passed QA with no signal, and the IRO reads the plan, offline too', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const { childId, pepId } = demoCase('sharing');
	const pepPath = `/children/${childId}/peps/${pepId}`;

	const worker = await signedInPage(browser, 'social-worker@example.org');
	await visit(worker.page, pepPath);
	await expect(worker.page.getByTestId('pep-status')).toHaveText('Passed quality assurance', {
		timeout: 60_000
	});
	await scanAtBothSizes(worker.page);
	// Shared from a meeting room with no signal: it goes when the tablet is back online.
	await worker.context.setOffline(true);
	await worker.page.getByRole('button', { name: 'Share the PEP' }).click();
	await expect(worker.page.getByTestId('pep-status')).toHaveText('Shared');
	await expect(worker.page.getByTestId('shared')).toContainText('Shared with the young person');
	await expect(worker.page.getByTestId('sync-status')).toContainText('Offline');
	await worker.context.setOffline(false);
	await expect(worker.page.getByTestId('sync-status')).toContainText('Up to date', {
		timeout: 60_000
	});

	const iro = await signedInPage(browser, 'iro@example.org');
	await visit(iro.page, `${pepPath}/plan`);
	await expect(iro.page.getByTestId('plan')).toContainText('Shared', { timeout: 60_000 });
	await expect(iro.page.getByTestId('targets')).toBeVisible();
	await scanAtBothSizes(iro.page);
	// The IRO reads the plan before the review with no signal: it is on their device.
	await iro.context.setOffline(true);
	await reloadAndUnlock(iro.page);
	await expect(iro.page.getByTestId('plan')).toContainText('Shared');
	await expect(iro.page.getByTestId('targets')).toBeVisible();
	await expect(iro.page.getByTestId('sync-status')).toContainText('Offline');
	await iro.context.setOffline(false);
	await visit(iro.page, `${pepPath}/quality-assurance`);
	await expect(iro.page.getByRole('heading', { level: 1 })).toHaveText('Quality assurance');
	await expect(iro.page.getByRole('button', { name: /Pass|Return/ })).toHaveCount(0);
	await scanAtBothSizes(iro.page);

	await Promise.all([worker.context.close(), iro.context.close()]);
});

test('a carer reaches the plan shared with them, and gives their views with no signal for the Virtual School to read', async ({
	browser
}) => {
	test.setTimeout(300_000);
	const child = demoCase('carer');
	const plan = sharedPlanOf(child.childId);
	const { context, page } = await signedInPage(browser, 'carer@example.org');
	const mine = page.getByTestId('my-pep');
	await expect(mine).toBeVisible({ timeout: 30_000 });
	// The home page names the child (a carer may look after brothers), and says when the plan was
	// shared with them, with the meeting it came from as a second detail.
	await expect(
		mine.getByRole('heading', { name: `${child.knownAs}’s next PEP meeting` })
	).toBeVisible();
	const sharedLink = mine.getByRole('link', {
		name: `${child.knownAs}’s plan, shared with you on ${formatLongDate(plan.sharedOn)}`
	});
	await expect(sharedLink).toBeVisible();
	await expect(mine).toContainText(
		`From the meeting on ${formatLongDate(plan.pep.meeting.date!)}.`
	);
	await scanAtBothSizes(page);

	await sharedLink.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('The plan');
	await expect(page.getByTestId('plan')).toContainText('Shared');
	await scanAtBothSizes(page);

	await page.goBack();
	await mine.getByRole('link', { name: 'Your views for the meeting' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Carer’s views');
	const viewsPath = new URL(page.url()).pathname;

	// Written at the kitchen table with no signal, completed, and kept through a reload.
	const views = `Settled well, and reading every night before bed ${Date.now()}`;
	await context.setOffline(true);
	await page.getByLabel('What is going well?').fill(views);
	await page.getByLabel('Yes, I’ve completed this part').check();
	await page.getByRole('button', { name: 'Save and return to the PEP' }).click();
	await expect(page.getByTestId('sync-status')).toContainText('Offline');
	await visit(page, viewsPath);
	await expect(page.getByLabel('What is going well?')).toHaveValue(views);
	await context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The Virtual School officer, who reads every child's PEP, finds the carer's words there.
	const officer = await signedInPage(browser, 'virtual-school@example.org');
	await visit(officer.page, viewsPath);
	await expect(officer.page.getByText(views)).toBeVisible({ timeout: 120_000 });

	await Promise.all([context.close(), officer.context.close()]);
});

test('a young person reaches the plan shared with them from their home page', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const plan = sharedPlanOf(demoCase('myVoice').childId);
	const { context, page } = await signedInPage(browser, 'young-person@example.org', phone);
	const mine = page.getByTestId('my-pep');
	const link = mine.getByRole('link', {
		name: `Your plan, shared with you on ${formatLongDate(plan.sharedOn)}`
	});
	await expect(link).toBeVisible({ timeout: 30_000 });
	await expectNoAxeViolations(page);

	await link.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('The plan');
	await expect(page.getByTestId('plan')).toContainText('Shared');
	await expectNoAxeViolations(page);
	await context.close();
});
