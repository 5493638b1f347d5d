import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { meetingModeCase } from './support/demo-case';
import { phone, reloadAndUnlock, signedInPage, tablet, visit } from './support/session';
import { dayAfter, testDay } from './support/test-day';

/** No accessibility violations on a tablet or on a phone. */
async function scanBothSizes(page: Page) {
	await expectNoAxeViolations(page);
	await page.setViewportSize(phone);
	await expectNoAxeViolations(page);
	await page.setViewportSize(tablet);
}

async function fillDate(page: Page, id: string, iso: string) {
	const [year, month, day] = iso.split('-');
	await page.locator(`#${id}-day`).fill(String(Number(day)));
	await page.locator(`#${id}-month`).fill(String(Number(month)));
	await page.locator(`#${id}-year`).fill(year!);
}

/** Goes to the next step of the agenda, as a person does: the big button at the foot. */
async function next(page: Page, title: string) {
	await page.getByRole('link', { name: `Next: ${title}` }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

/** Jumps to a step from the list of the meeting's steps beside it. */
async function jump(page: Page, title: string) {
	await page
		.getByRole('navigation', { name: 'The meeting' })
		.getByRole('link', { name: title })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

test('the designated teacher runs the meeting offline on a tablet, and the social worker reads the notes', async ({
	browser
}) => {
	test.setTimeout(1_800_000);
	const { childId, pep } = meetingModeCase();
	const pepUrl = `/children/${childId}/peps/${pep.pepId}`;
	const youngPerson = pep.invitees.find((i) => i.role === 'young-person')!;
	const carer = pep.invitees.find((i) => i.role === 'carer')!;
	const teacherInvitee = pep.invitees.find((i) => i.role === 'designated-teacher')!;
	// 91 days after the meeting, or after today when the meeting's date is past (or not set).
	const meetingDay = pep.meeting.date && pep.meeting.date > testDay ? pep.meeting.date : testDay;
	const nextPep = dayAfter(meetingDay, 91);
	const stamp = Date.now();
	const words = {
		youngPerson: `I like art and want to take it at GCSE (${stamp}).`,
		carer: `Settled at home, and reading every evening (${stamp}).`,
		school: `Maths is improving with the small group sessions (${stamp}).`,
		action: `Arrange a taster day at the art college (${stamp})`,
		summary: `Everyone agreed the move to the top maths set (${stamp}).`
	};

	// The designated teacher opens the PEP, and meeting mode from it.
	const teacher = await signedInPage(browser, 'designated-teacher@example.org');
	const page = teacher.page;
	await visit(page, pepUrl);
	await page.getByTestId('meeting-mode-link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Before the meeting');
	await expect(page.getByTestId('step-guidance')).toContainText('What to record');
	// What the record can tell is ticked or not, and says why.
	await expect(page.getByTestId('check-pupilVoice')).toContainText(/My Voice|talk about/);
	await expect(page.getByTestId('check-dataToHand')).toContainText('Attendance');
	await expect(page.getByTestId('check-documentsAttached')).toContainText('attached');
	await scanBothSizes(page);

	// The signal drops: the meeting is in a room with none.
	await page.evaluate(() => navigator.serviceWorker.ready);
	await teacher.context.setOffline(true);

	await page.getByLabel('Everyone has confirmed whether they are coming').check();
	await expect(page.getByTestId('preparation-progress')).toContainText('checks done');
	await expect(page.getByTestId('clock-state')).toHaveText('Not started');
	await page.getByRole('button', { name: 'Start the meeting clock' }).click();
	await expect(page.getByTestId('clock-state')).toHaveText('On time');
	await expect(page.getByTestId('clock-summary')).toContainText('left of');
	await expect(page.getByTestId('save-status')).toHaveText('Saved.');

	// Welcome: people are ticked as they arrive, and someone unexpected is added.
	await next(page, 'Welcome and introductions');
	await expect(page.getByTestId('arrival-count')).toContainText('0 of');
	await page.getByLabel(youngPerson.name, { exact: true }).check();
	await page.getByLabel(carer.name, { exact: true }).check();
	await page.getByLabel(teacherInvitee.name, { exact: true }).check();
	await page.getByLabel('Their name').fill('Dr Ada Okafor');
	await page.getByLabel('Their part in the meeting').selectOption('educational-psychologist');
	await page.getByLabel('Contact details (optional)').fill('01234 567890');
	await page.getByRole('button', { name: 'Add to the attendance sheet' }).click();
	await expect(page.getByLabel('Dr Ada Okafor', { exact: true })).toBeChecked();
	await expect(page.getByTestId('arrival-count')).toContainText('4 of');
	await scanBothSizes(page);

	// The young person's views: ticked as here, so they attended; what they said goes in.
	await next(page, 'The young person’s views');
	await expect(page.getByRole('radio', { name: 'Yes', exact: true })).toBeChecked();
	await page.getByLabel('What the young person said').fill(words.youngPerson);
	await scanBothSizes(page);

	await next(page, 'The carer’s views');
	await page.getByLabel(`${carer.name}, carer: their views`).fill(words.carer);
	await scanBothSizes(page);

	await next(page, 'The school’s view');
	await page
		.getByLabel(`${teacherInvitee.name}, designated teacher: their views`)
		.fill(words.school);
	await scanBothSizes(page);

	await next(page, 'Outcomes and actions');
	const actions = page.locator('[data-add-another-item]');
	const before = await actions.count();
	await page.getByRole('button', { name: /Add (another|an) action/ }).click();
	await page.locator(`#actions-${before}-action`).fill(words.action);
	await page.locator(`#actions-${before}-owner`).fill('Designated teacher');
	await page.getByLabel('Summary of the discussion').fill(words.summary);
	await scanBothSizes(page);

	await next(page, 'Next meeting');
	await fillDate(page, 'nextPepDate', nextPep);
	// A time not on the 24-hour clock is named once the person moves on, and kept out of the PEP.
	const time = page.getByLabel('Time of the next PEP meeting');
	await time.fill('3pm');
	await time.blur();
	await expect(page.locator('#nextPepTime-error')).toContainText('24-hour clock');
	await time.fill('15:30');
	await time.blur();
	await expect(page.locator('#nextPepTime-error')).toHaveCount(0);
	await expect(page.getByTestId('next-meeting-day')).toContainText(
		String(Number(nextPep.slice(8)))
	);
	await scanBothSizes(page);
	await expect(page.getByTestId('sync-status')).toContainText('Offline');

	// A reload in the middle (still offline): everything is still there, the clock still running.
	await reloadAndUnlock(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Next meeting');
	await expect(page.locator('#nextPepDate-day')).toHaveValue(String(Number(nextPep.slice(8))));
	await expect(page.getByLabel('Time of the next PEP meeting')).toHaveValue('15:30');
	await expect(page.getByTestId('clock-state')).toHaveText('On time');
	await expect(page.getByTestId('clock-face')).not.toContainText(/^0:00/);
	await jump(page, 'Before the meeting');
	await expect(page.getByLabel('Everyone has confirmed whether they are coming')).toBeChecked();
	await jump(page, 'Welcome and introductions');
	for (const name of [youngPerson.name, carer.name, teacherInvitee.name, 'Dr Ada Okafor']) {
		await expect(page.getByLabel(name, { exact: true })).toBeChecked();
	}
	await jump(page, 'The young person’s views');
	await expect(page.getByLabel('What the young person said')).toHaveValue(words.youngPerson);
	await jump(page, 'The carer’s views');
	await expect(page.getByLabel(`${carer.name}, carer: their views`)).toHaveValue(words.carer);
	await jump(page, 'The school’s view');
	await expect(
		page.getByLabel(`${teacherInvitee.name}, designated teacher: their views`)
	).toHaveValue(words.school);
	await jump(page, 'Outcomes and actions');
	await expect(page.locator(`#actions-${before}-action`)).toHaveValue(words.action);
	await expect(page.getByLabel('Summary of the discussion')).toHaveValue(words.summary);

	// The meeting ends; back online, it all reaches the server.
	await jump(page, 'Next meeting');
	await page.getByRole('button', { name: 'End the meeting and return to the PEP' }).click();
	await expect(page).toHaveURL(new RegExp(`${pepUrl}$`));
	await teacher.context.setOffline(false);
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 120_000 });

	// The social worker, on their own device, reads the notes on the meeting page.
	const worker = await signedInPage(browser, 'social-worker@example.org');
	const sw = worker.page;
	await visit(sw, `${pepUrl}/parts/meeting-page`);
	const notes = sw.getByTestId('meeting-page-read');
	await expect(notes).toContainText(words.summary, { timeout: 90_000 });
	await expect(notes).toContainText(words.youngPerson);
	await expect(notes).toContainText(words.carer);
	await expect(notes).toContainText(words.school);
	await expect(notes).toContainText(words.action);
	await scanBothSizes(sw);
	// And sees who came, and the next meeting's date, in meeting mode, where they cannot write notes.
	await visit(sw, `${pepUrl}/meeting-mode/welcome`);
	await expect(sw.getByLabel('Dr Ada Okafor', { exact: true })).toBeChecked();
	await expect(sw.getByLabel(youngPerson.name, { exact: true })).toBeChecked();
	await expect(sw.getByTestId('clock-state')).toHaveText('Ended');
	await jump(sw, 'The young person’s views');
	await expect(sw.getByTestId('notes-read-only')).toContainText(words.youngPerson);
	await scanBothSizes(sw);
	await jump(sw, 'Next meeting');
	await expect(sw.locator('#nextPepDate-day')).toHaveValue(String(Number(nextPep.slice(8))));

	await Promise.all([teacher.context.close(), worker.context.close()]);
});
