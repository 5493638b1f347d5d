/**
 * PEPs are termly. Starting one for a term that already has a PEP being prepared names that PEP,
 * links to it, and asks the social worker to confirm before a second is started.
 */
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { duplicatePepCase } from './support/demo-case';
import { phone, signedInPage, tablet, visit } from './support/session';
import { termNames } from '../../src/lib/domain/labels';
import { academicYearLabel } from '../../src/lib/domain/calendar/term-dates';

test('starting a second PEP for a term that has one being prepared warns, links to it, and asks to confirm', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const open = duplicatePepCase();
	const term = `the ${termNames[open.pep.term].toLowerCase()} ${academicYearLabel(open.pep.academicYear)}`;
	const { page, context } = await signedInPage(browser, 'social-worker@example.org', tablet);
	await visit(page, `/children/${open.childId}/peps/new`);

	// A review started now is for the term of the PEP being prepared.
	await page.getByLabel('Review').check();
	await expect(page.getByTestId('plan')).toContainText(term);
	const warning = page.getByTestId('open-pep');
	await expect(warning).toContainText(`A PEP for ${term} is already being prepared`);
	await expect(warning).toContainText('Being prepared');
	const link = warning.getByRole('link', { name: `Open the PEP for ${term}` });
	await expect(link).toBeVisible();
	await expectNoAxeViolations(page);

	// Pressing Start without confirming starts nothing: the error summary says what to do.
	await page.getByRole('button', { name: 'Start the PEP' }).click();
	const summary = page.getByRole('alert');
	await expect(summary).toContainText('or confirm you want to start another PEP for this term');
	await expect(page).toHaveURL(/\/peps\/new$/);
	await expect(page).toHaveTitle(/^Error: /);
	await expect(page.getByLabel('Start another PEP for this term anyway')).not.toBeChecked();
	await expectNoAxeViolations(page);

	// On a phone the warning, the link and the error read the same, and pass the checks.
	await page.setViewportSize(phone);
	await expect(link).toBeVisible();
	await expect(summary).toBeVisible();
	await expectNoAxeViolations(page);

	// The link opens the PEP already being prepared.
	await link.click();
	await expect(page).toHaveURL(new RegExp(`/children/${open.childId}/peps/${open.pepId}$`));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personal Education Plan');
	await expect(page.getByTestId('pep-status')).toHaveText('Being prepared');
	await expectNoAxeViolations(page);

	await context.close();
});
