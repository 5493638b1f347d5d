import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { phone, reloadAndUnlock, signedInPage, tablet, visit } from './support/session';
import { demoCase } from './support/demo-case';

/** Scans at a tablet's size and at a phone's, and leaves the page at a tablet's. */
async function scanAtBothSizes(page: Page) {
	await expectNoAxeViolations(page);
	await page.setViewportSize(phone);
	await expectNoAxeViolations(page);
	await page.setViewportSize(tablet);
}

test('the Virtual School returns a PEP as needing development with no signal, and the designated teacher sees why', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const { childId, pepId } = demoCase('awaitingQa');
	const pepPath = `/children/${childId}/peps/${pepId}`;
	const feedback = `Please add a target for the attendance concern ${Date.now()}`;
	const fix = 'Add an attendance target with the support the school will give.';

	const officer = await signedInPage(browser, 'virtual-school@example.org');
	await visit(officer.page, pepPath);
	await expect(officer.page.getByTestId('pep-status')).toHaveText(
		'Signed by the designated teacher',
		{ timeout: 60_000 }
	);
	await officer.page.getByRole('link', { name: 'Quality assurance' }).click();

	// The checklist starts from the record: each item says what the data shows.
	await expect(officer.page.getByTestId('precheck-completedWithinTimescale')).toContainText(
		/Pre-checked from the record|Read the PEP to decide/
	);
	const returnButton = officer.page.getByRole('button', { name: 'Return as needing development' });
	await expect(returnButton).toBeDisabled();
	await expect(officer.page.getByTestId('why-returned')).toContainText(
		'Say what needs to be improved before returning the PEP.'
	);
	await scanAtBothSizes(officer.page);

	// The signal drops while the officer writes the feedback.
	await officer.context.setOffline(true);
	await officer.page
		.getByLabel('Feedback for the designated teacher and social worker')
		.fill(feedback);
	await officer.page.getByRole('button', { name: 'Add something to fix' }).click();
	await officer.page.getByLabel('Which part').selectOption('targets');
	await officer.page.getByLabel('What to change').fill(fix);
	await expect(returnButton).toBeEnabled();
	await returnButton.click();
	await expect(officer.page.getByTestId('qa-decided')).toContainText('needing development');
	await expect(officer.page.getByTestId('qa-status')).toContainText('Returned: needs development');
	await scanAtBothSizes(officer.page);
	// Decided offline: the decision is on the device, waiting to be sent, and survives a reload.
	await expect(officer.page.getByTestId('sync-status')).toContainText(
		/Offline: your work is saved on this device \(\d+ changes? waiting to send\)/
	);
	await reloadAndUnlock(officer.page);
	await expect(officer.page.getByTestId('qa-status')).toContainText('Returned: needs development');
	await officer.context.setOffline(false);
	await expect(officer.page.getByTestId('sync-status')).toContainText('Up to date', {
		timeout: 60_000
	});

	// The designated teacher finds the PEP back with them, and what to fix, on its page.
	const teacher = await signedInPage(browser, 'designated-teacher@example.org');
	await visit(teacher.page, pepPath);
	await expect(teacher.page.getByTestId('pep-status')).toHaveText('Returned: needs development', {
		timeout: 60_000
	});
	const banner = teacher.page.getByTestId('qa-feedback');
	await expect(banner).toContainText(feedback);
	await expect(banner).toContainText(fix);
	await scanAtBothSizes(teacher.page);

	await Promise.all([officer.context.close(), teacher.context.close()]);
});
