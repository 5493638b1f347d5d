import { expect, test } from './support/test';
import { completeSectionA, fillDate, saveAndReturn, scanBothSizes } from './support/pep-pages';
import { reloadAndUnlock, signedInPage, visit } from './support/session';
import { sectionBCase } from './support/demo-case';
import { dayAfter, testDay } from './support/test-day';

test('the designated teacher completes Section B offline and on, and both sign off', async ({
	browser
}) => {
	test.setTimeout(1_200_000);
	const chosen = sectionBCase();
	const { childId, pep } = chosen;
	const pepUrl = `/children/${childId}/peps/${pep.pepId}`;
	const today = testDay;
	const nextPep = dayAfter(testDay, 90);
	const term = pep.term;

	// The designated teacher opens a PEP of a child at their school.
	const teacher = await signedInPage(browser, 'designated-teacher@example.org');
	const page = teacher.page;
	await visit(page, pepUrl);
	await expect(page.getByTestId('task-list').first()).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('pep-status')).toHaveText('Being prepared');
	await scanBothSizes(page);

	// The meeting is today: until its date is, it cannot be recorded as held, and the page says why.
	await page.getByTestId('meeting-link').click();
	const held = page.getByRole('button', { name: 'Record that the meeting was held' });
	await expect(held).toBeDisabled();
	await expect(page.getByTestId('held-blockers')).toContainText(
		'Record the date of the meeting; it cannot be in the future.'
	);
	await scanBothSizes(page);
	await fillDate(page, 'field-date', today);
	await expect(held).toBeEnabled();
	await held.click();
	await expect(page).toHaveURL(new RegExp(`${pepUrl}$`));
	await expect(page.getByTestId('pep-status')).toHaveText('Meeting held');

	// The subject progress table: a new subject below expected progress demands interventions.
	await page.getByRole('link', { name: 'Subject progress' }).click();
	const rows = page.locator('[data-add-another-item]');
	await expect(page.getByRole('button', { name: 'Add another subject' })).toBeVisible();
	const n = await rows.count();
	// A row removed by a slip comes back with Undo, with what was typed in it; one added by
	// mistake can be removed for good.
	await page.getByRole('button', { name: 'Add another subject' }).click();
	await expect(rows).toHaveCount(n + 1);
	await page.locator(`#subjects-${n}-course`).fill('Art');
	await page.getByRole('button', { name: `Remove Subject ${n + 1}: Art`, exact: true }).click();
	await expect(rows).toHaveCount(n);
	const undo = page.getByRole('button', {
		name: new RegExp(`^Undo\\W+put Subject ${n + 1}: Art back$`)
	});
	await expect(undo).toBeFocused();
	await expect(page.getByRole('status').filter({ hasText: 'has been removed' })).toContainText(
		`Subject ${n + 1}: Art has been removed.`
	);
	await undo.click();
	await expect(rows).toHaveCount(n + 1);
	await expect(page.locator(`#subjects-${n}-course`)).toHaveValue('Art');
	await expect(page.locator(`#subjects-${n}-course`)).toBeFocused();
	await page.getByRole('button', { name: `Remove Subject ${n + 1}: Art`, exact: true }).click();
	await expect(rows).toHaveCount(n);
	await page.getByRole('button', { name: 'Add another subject' }).click();
	await expect(page.locator(`#subjects-${n}-course`)).toBeFocused();
	await page.locator(`#subjects-${n}-course`).fill('Computer science');
	await page.locator(`#subjects-${n}-targetEndOfKeyStage`).fill('6');
	const at = `subjects-${n}-assessments-${term}`;
	await page.locator(`#${at}-onTrack-1`).check();
	await page.locator(`#${at}-workingAtGrade`).fill('4');
	await page.locator(`#${at}-progress-0`).check();
	const demanded = `Computer science: progress in the ${term} term is less than expected, so say what interventions are in place.`;
	await expect(page.locator(`#${at}-interventions-error`)).toContainText(demanded);
	await scanBothSizes(page);
	// Each term's questions have a name of their own, so a screen reader can tell them apart.
	const onTrack = (await page.locator('fieldset legend').allTextContents())
		.map((text) => text.trim())
		.filter((text) => text.startsWith('On track'));
	expect(onTrack.length).toBeGreaterThan(1);
	expect(new Set(onTrack).size).toBe(onTrack.length);
	await page.getByRole('radio', { name: 'Yes, I’ve completed this part' }).check();
	// Saving with the interventions missing is refused, and the summary says why.
	await page.getByRole('button', { name: 'Save and return to the PEP' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText(demanded);
	await page
		.locator(`#${at}-interventions`)
		.fill('Weekly small-group sessions with the computing teacher.');
	await expect(page.locator(`#${at}-interventions-error`)).toHaveCount(0);
	await saveAndReturn(page, pepUrl);
	await expect(page.locator('#status-subject-progress')).toHaveText('Complete');

	// The signal drops part way through.
	await page.evaluate(() => navigator.serviceWorker.ready);
	await teacher.context.setOffline(true);

	// A SMART target: the check names what is missing as it is typed, then passes.
	await page.getByRole('link', { name: 'SMART targets' }).click();
	const targets = page.locator('[data-add-another-item]');
	await expect(page.getByRole('button', { name: /Add (another|a) target/ })).toBeVisible();
	const t = await targets.count();
	await page.getByRole('button', { name: /Add (another|a) target/ }).click();
	await page
		.locator(`#targets-${t}-text`)
		.fill(
			'You will complete three maths practice papers at home and score at least 60% in each one'
		);
	await page.locator(`#targets-${t}-successMeasure`).fill('Scores recorded by your maths teacher');
	await page.locator(`#targets-${t}-owner`).fill('Maths teacher');
	await page
		.locator(`#targets-${t}-actionsForAdults`)
		.fill('Weekly 1:1 tuition with the maths teacher');
	const smart = targets.nth(t).getByTestId('smart-summary');
	await expect(smart).toHaveText('Not yet SMART: 1 of 5 to strengthen (Time-bound).');
	await fillDate(page, `targets-${t}-dueDate`, nextPep);
	await expect(smart).toHaveText(
		'This target is SMART: specific, measurable, achievable, relevant and time-bound.'
	);
	await page.locator(`#targets-${t}-ppPlusPence`).fill('150');
	await scanBothSizes(page);
	await page.getByRole('radio', { name: 'Yes, I’ve completed this part' }).check();
	await saveAndReturn(page, pepUrl);
	await expect(page.locator('#status-targets')).toHaveText('Complete');

	// The meeting page and the overview, still offline.
	await page.getByRole('link', { name: 'The PEP meeting' }).click();
	await page.locator('#summary').fill('We talked about maths and the new computing club.');
	await page.locator('#youngPersonAttended-0').check();
	// Attendance below 80% demands its reasons and interventions.
	const attendance = page.locator('#attendance-percentage');
	const before = await attendance.inputValue();
	await attendance.fill('72');
	await expect(page.locator('#attendance-reasons')).toBeVisible();
	await attendance.fill('71');
	await page.locator('#attendance-reasons').fill('');
	await expect(page.locator('#attendance-reasons-error')).toContainText(
		'Attendance is 71%, below 80%: record the reasons for it.'
	);
	await attendance.fill(Number(before) >= 80 ? before : '96');
	await page.getByRole('radio', { name: 'Yes, I’ve completed this part' }).check();
	await scanBothSizes(page);
	await saveAndReturn(page, pepUrl);
	await page.getByRole('link', { name: 'Attainment and progress overview' }).click();
	await expect(page.locator('#field-text')).not.toHaveValue('');
	await page.locator('#complete').check();
	await scanBothSizes(page);
	await saveAndReturn(page, pepUrl);
	await expect(page.locator('#status-progress-overview')).toHaveText('Complete');

	// Pupil Premium Plus asked for, still offline: an amount that is not money is named, and kept.
	const ppFor = `A reading tutor for an hour a week this term ${Date.now()}`;
	await page.getByRole('link', { name: 'Pupil Premium Plus' }).click();
	await page.getByRole('button', { name: /Add (another|a) request/ }).click();
	// The demo's PEP may already have requests waiting: this one is the last.
	await page.getByLabel('What will it pay for, and how will it help?').last().fill(ppFor);
	await page.getByLabel('Amount').last().fill('four hundred');
	await page.getByRole('button', { name: 'Save and return to the PEP' }).click();
	await expect(page.locator('.govuk-error-summary')).toContainText(
		/Request \d+: amount must be an amount in pounds and pence/
	);
	await scanBothSizes(page);
	await page.getByLabel('Amount').last().fill('450');
	await saveAndReturn(page, pepUrl);
	await expect(page.locator('#status-pupil-premium-plus')).toHaveText('In progress');
	await expect(page.getByTestId('sync-status')).toContainText('Offline');

	// Back online: everything typed reaches the server.
	await teacher.context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The social worker completes Section A; sign-off is refused without the next PEP date.
	const worker = await signedInPage(browser, 'social-worker@example.org');
	const sw = worker.page;
	await completeSectionA(sw, pepUrl);
	await expect(sw.getByTestId('pep-status')).toHaveText('Meeting held', { timeout: 60_000 });
	await sw.getByRole('link', { name: 'Social worker sign-off' }).click();
	await sw.getByRole('button', { name: 'Sign off Section A' }).click();
	await expect(sw.locator('.govuk-error-summary')).toContainText(
		'Enter the date of the next PEP meeting: sign-off is not possible without it.'
	);
	await expect(sw.locator('#nextPepDate-error')).toBeVisible();
	await scanBothSizes(sw);
	await fillDate(sw, 'nextPepDate', nextPep);
	// The date typed is kept on the device until sign-off writes it: a reload keeps it.
	await sw.waitForTimeout(500);
	await reloadAndUnlock(sw);
	await expect(sw.locator('#nextPepDate-day')).toHaveValue(String(Number(nextPep.slice(8))));
	await sw.getByRole('button', { name: 'Sign off Section A' }).click();
	await expect(sw).toHaveURL(new RegExp(`${pepUrl}$`));
	await expect(sw.getByTestId('pep-status')).toHaveText('Signed by the social worker');
	await expect(sw.locator('#status-social-worker-sign-off')).toHaveText('Signed');
	await expect(sw.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The designated teacher signs off within the deadline shown; the date comes from the SW's.
	await visit(page, `${pepUrl}/parts/designated-teacher-sign-off`);
	await expect(page.getByTestId('pep-status')).toContainText('Signed by the social worker', {
		timeout: 90_000
	});
	await expect(page.getByTestId('sign-off-deadline')).toContainText(
		'5 working days after the meeting'
	);
	await expect(page.getByTestId('sign-off-to-do')).toHaveCount(0);
	await scanBothSizes(page);
	await page.getByRole('button', { name: 'Sign off Section B' }).click();
	await expect(page).toHaveURL(new RegExp(`${pepUrl}$`));
	await expect(page.getByTestId('pep-status')).toHaveText('Signed by the designated teacher');
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The Virtual School officer sees it signed, from their own device.
	const officer = await signedInPage(browser, 'virtual-school@example.org');
	await visit(officer.page, pepUrl);
	await expect(officer.page.getByTestId('pep-status')).toHaveText(
		'Signed by the designated teacher',
		{ timeout: 90_000 }
	);
	await officer.page.getByRole('link', { name: 'Subject progress' }).click();
	await expect(officer.page.getByTestId('year-at-a-glance')).toContainText('Computer science');
	await scanBothSizes(officer.page);

	// The officer approves the Pupil Premium Plus asked for, and the teacher sees the decision.
	await visit(officer.page, `${pepUrl}/quality-assurance`);
	const request = officer.page.getByTestId('pp-request').filter({ hasText: ppFor });
	await expect(request).toContainText('£450.00');
	await request.getByRole('button', { name: /^Approve/ }).click();
	await expect(request).toContainText('Approved by');
	await expect(officer.page.getByTestId('sync-status')).toContainText('Up to date', {
		timeout: 60_000
	});
	await visit(page, `${pepUrl}/parts/pupil-premium-plus`);
	await expect(page.getByTestId('pp-decided')).toContainText(ppFor, { timeout: 90_000 });
	await expect(page.getByTestId('pp-decided')).toContainText('Approved');
	await scanBothSizes(page);

	await Promise.all([teacher.context.close(), worker.context.close(), officer.context.close()]);
});
