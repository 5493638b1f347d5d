/**
 * Derbyshire's Post-16 PETP for a young person not in education, employment or training (seed
 * 000), start to "shared": the personal adviser starts the plan and records the meeting (chaired
 * by the social worker, as the young person is NEET); writes the PETP form, the SMART targets and
 * the action plan with no signal; the social worker signs off Section A; the adviser signs the
 * PETP off and so returns it to the Virtual School; the officer passes it; the social worker
 * shares it. There is no designated teacher anywhere in it.
 */
import { expect, test } from './support/test';
import { completeSectionA, fillDate, saveAndReturn, scanBothSizes } from './support/pep-pages';
import { neetPetpCase } from './support/demo-case';
import { reloadAndUnlock, signedInPage, visit } from './support/session';
import { dayAfter, testDay } from './support/test-day';

test('a NEET young person’s PETP goes from the personal adviser to shared, with no designated teacher', async ({
	browser
}) => {
	test.setTimeout(1_200_000);
	const { childId } = neetPetpCase();
	const today = testDay;
	const nextPetp = dayAfter(testDay, 120);
	const hopes = `To work with animals, maybe as a veterinary nurse ${Date.now()}`;

	// The personal adviser starts the PETP; the social worker chairs, as the young person is NEET.
	const adviser = await signedInPage(browser, 'personal-adviser@example.org');
	const pa = adviser.page;
	await visit(pa, `/children/${childId}`);
	await pa.getByRole('link', { name: 'Start a PEP' }).click();
	await pa.getByLabel('Review').check();
	await expect(pa.getByTestId('plan')).toContainText('social worker chairs');
	await pa.getByRole('button', { name: 'Start the PEP' }).click();
	await expect(pa.getByTestId('pep-summary')).toContainText('PETP');
	const pepUrl = new URL(pa.url()).pathname;
	// No school, so none of Section B's school parts; the adviser's own parts instead.
	await expect(pa.getByRole('link', { name: 'Subject progress' })).toHaveCount(0);
	await expect(pa.getByRole('link', { name: 'Designated teacher sign-off' })).toHaveCount(0);
	await expect(pa.getByRole('link', { name: 'Personal adviser sign-off' })).toBeVisible();

	// The meeting is held today.
	await pa.getByTestId('meeting-link').click();
	await fillDate(pa, 'field-date', today);
	await pa.getByRole('button', { name: 'Record that the meeting was held' }).click();
	await expect(pa).toHaveURL(new RegExp(`${pepUrl}$`));
	await expect(pa.getByTestId('pep-status')).toHaveText('Meeting held');
	await expect(pa.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The signal drops: the adviser writes the plan at the table.
	await pa.evaluate(() => navigator.serviceWorker.ready);
	await adviser.context.setOffline(true);
	await pa.getByRole('link', { name: 'Personal education and training plan' }).click();
	await pa.getByLabel('What should we celebrate?').fill('Came to every session of the course.');
	await pa.getByLabel('Hopes and aspirations').fill(hopes);
	await pa.getByLabel('Decisions made at the meeting').fill('PA books two college visits.');
	await pa.getByLabel('Yes, I’ve completed this part').check();
	await saveAndReturn(pa, pepUrl);
	await expect(pa.locator('#status-petp')).toHaveText('Complete');

	await pa.getByRole('link', { name: 'SMART targets' }).click();
	await pa.getByRole('button', { name: /Add (another|a) target/ }).click();
	await pa
		.locator('#targets-0-text')
		.fill('You will visit two colleges with animal care courses before the February half term');
	await pa.locator('#targets-0-successMeasure').fill('Visits booked and attended');
	await pa.locator('#targets-0-owner').fill('Personal adviser');
	await pa.locator('#targets-0-actionsForAdults').fill('Book the visits and pay the bus fares');
	await fillDate(pa, 'targets-0-dueDate', nextPetp);
	await pa.getByRole('radio', { name: 'Yes, I’ve completed this part' }).check();
	await saveAndReturn(pa, pepUrl);
	await expect(pa.locator('#status-targets')).toHaveText('Complete');

	// The action plan: an adult's action, and the options the young person will explore.
	await pa.getByRole('link', { name: 'Action plan' }).click();
	await expect(pa.getByRole('heading', { name: 'Options to explore' })).toBeVisible();
	await pa.getByRole('button', { name: 'Add an action' }).click();
	await pa.locator('#actionsForAdults-0-action').fill('Apply for the 16–19 bursary');
	await pa.getByRole('button', { name: 'Add an option' }).click();
	await pa.locator('#neetOptions-0-option-0').check();
	await pa.locator('#neetOptions-0-details').fill('Open day at the land-based college');
	// Saving with who will do the action missing is refused, and says which box.
	await pa.getByRole('button', { name: 'Save and return to the PEP' }).click();
	await expect(pa.locator('.govuk-error-summary')).toContainText('Action 1: who will do it');
	await scanBothSizes(pa);
	await pa.locator('#actionsForAdults-0-owner').fill('Sam Okafor, personal adviser');
	await saveAndReturn(pa, pepUrl);
	await expect(pa.locator('#status-action-plan')).toHaveText('Complete');

	// Signing now is refused: the social worker signs Section A first. What was typed is kept.
	await pa.getByRole('link', { name: 'Personal adviser sign-off' }).click();
	await expect(pa.getByTestId('sign-off-blockers')).toContainText(
		'The social worker signs off Section A first.'
	);
	await expect(pa.getByRole('button', { name: 'Sign off the PETP' })).toBeDisabled();
	await reloadAndUnlock(pa);
	await visit(pa, `${pepUrl}/parts/petp`);
	await expect(pa.getByLabel('Hopes and aspirations')).toHaveValue(hopes, { timeout: 15_000 });
	await adviser.context.setOffline(false);
	await expect(pa.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The social worker completes and signs off Section A.
	const worker = await signedInPage(browser, 'social-worker@example.org');
	const sw = worker.page;
	await completeSectionA(sw, pepUrl);
	await sw.getByRole('link', { name: 'Social worker sign-off' }).click();
	await fillDate(sw, 'nextPepDate', nextPetp);
	await sw.getByRole('button', { name: 'Sign off Section A' }).click();
	await expect(sw.getByTestId('pep-status')).toHaveText('Signed by the social worker');
	await expect(sw.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The adviser signs the PETP off, which returns it to the Virtual School.
	await visit(pa, `${pepUrl}/parts/personal-adviser-sign-off`);
	await expect(pa.getByTestId('pep-status')).toContainText('Signed by the social worker', {
		timeout: 90_000
	});
	await expect(pa.getByTestId('sign-off-deadline')).toContainText('scrutiny panel');
	await scanBothSizes(pa);
	await fillDate(pa, 'nextPepDate', nextPetp);
	await pa.getByRole('button', { name: 'Sign off the PETP' }).click();
	await expect(pa).toHaveURL(new RegExp(`${pepUrl}$`));
	await expect(pa.getByTestId('pep-status')).toHaveText('Completed by the personal adviser');
	await expect(pa.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The Virtual School's panel passes it.
	const officer = await signedInPage(browser, 'virtual-school@example.org');
	const vs = officer.page;
	await visit(vs, `${pepUrl}/parts/action-plan`);
	await expect(vs.getByTestId('actions-for-adults')).toContainText('Apply for the 16–19 bursary', {
		timeout: 90_000
	});
	await expect(vs.getByTestId('neet-options')).toContainText('Open day at the land-based college');
	await scanBothSizes(vs);
	await visit(vs, `${pepUrl}/quality-assurance`);
	await expect(vs.getByRole('button', { name: 'Pass quality assurance' })).toBeVisible({
		timeout: 90_000
	});
	for (const yes of await vs.locator('input[id^="qa-"][id$="-yes"]').all()) await yes.check();
	await vs.getByRole('button', { name: 'Pass quality assurance' }).click();
	await expect(vs.getByTestId('qa-status')).toContainText('Passed quality assurance');
	await expect(vs.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The social worker shares it; the adviser sees it shared on their own device.
	await visit(sw, pepUrl);
	await expect(sw.getByTestId('pep-status')).toHaveText('Passed quality assurance', {
		timeout: 90_000
	});
	await sw.getByRole('button', { name: 'Share the PEP' }).click();
	await expect(sw.getByTestId('pep-status')).toHaveText('Shared');
	await expect(sw.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });
	await visit(pa, pepUrl);
	await expect(pa.getByTestId('pep-status')).toHaveText('Shared', { timeout: 90_000 });
	await visit(pa, `${pepUrl}/parts/action-plan`);
	await expect(pa.locator('#actionsForAdults-0-action')).toHaveValue('Apply for the 16–19 bursary');

	await Promise.all([adviser.context.close(), worker.context.close(), officer.context.close()]);
});
