/**
 * Walsall's Post-16 ePEP (seed 001), start to "shared", for a young person in the sixth form
 * studying three A levels: the social worker starts a review (chaired by the designated teacher,
 * as the young person is in education) and records the meeting; the designated teacher, with the
 * signal dropping part way, fills the subject progress table (every A level, every term), the
 * overview, the SMART targets, the meeting page, the post-16 plan and the young person's views;
 * the social worker signs off Section A with the next PEP date; the designated teacher signs off
 * Section B; the Virtual School passes quality assurance; the social worker shares it; and the
 * IRO reads the plan, subject table and all.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { walsallPost16Case } from './support/demo-case';
import { phone, reloadAndUnlock, signedInPage, tablet, visit } from './support/session';
import { dayAfter, testDay } from './support/test-day';
import { completeSectionA } from './support/pep-pages';

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

async function saveAndReturn(page: Page, pepUrl: string) {
	await page.getByRole('button', { name: 'Save and return to the PEP' }).click();
	await expect(page).toHaveURL(new RegExp(`${pepUrl}$`), { timeout: 30_000 });
}

type Term = 'autumn' | 'spring' | 'summer';
interface Assessment {
	onTrack: boolean;
	grade: string;
	progress: 'less' | 'expected' | 'more';
	interventions?: string;
}

/** Three A levels over the year, as the seed's example shows them at its end. */
const aLevels: { course: string; target: string; terms: Record<Term, Assessment> }[] = [
	{
		course: 'Biology',
		target: 'A',
		terms: {
			autumn: { onTrack: true, grade: 'B', progress: 'expected' },
			spring: { onTrack: true, grade: 'B', progress: 'expected' },
			summer: { onTrack: true, grade: 'A', progress: 'expected' }
		}
	},
	{
		course: 'Chemistry',
		target: 'A',
		terms: {
			autumn: { onTrack: true, grade: 'A', progress: 'expected' },
			spring: { onTrack: true, grade: 'A', progress: 'expected' },
			summer: { onTrack: true, grade: 'A', progress: 'more' }
		}
	},
	{
		course: 'Psychology',
		target: 'A',
		terms: {
			autumn: {
				onTrack: false,
				grade: 'B',
				progress: 'less',
				interventions:
					'You are finding the current content challenging, so we have arranged extra tuition sessions with your teacher.'
			},
			spring: { onTrack: true, grade: 'B', progress: 'more' },
			summer: { onTrack: true, grade: 'A', progress: 'expected' }
		}
	}
];
const progressOption = { less: 0, expected: 1, more: 2 } as const;

/** One subject's row: its level and target, and every term's assessment. */
async function fillSubject(page: Page, index: number, subject: (typeof aLevels)[number]) {
	const row = `subjects-${index}`;
	await page.locator(`#${row}-course`).fill(subject.course);
	await page.locator(`#${row}-level`).selectOption('a-level');
	await page.locator(`#${row}-targetEndOfKeyStage`).fill(subject.target);
	for (const term of ['autumn', 'spring', 'summer'] as const) {
		const at = `${row}-assessments-${term}`;
		// A new row holds this PEP's term; the others are recorded with their own button.
		if ((await page.locator(`#${at}-workingAtGrade`).count()) === 0) {
			await page
				.getByRole('button', { name: `Record the ${term} term for ${subject.course}`, exact: true })
				.click();
		}
		const assessment = subject.terms[term];
		await page.locator(`#${at}-onTrack-${assessment.onTrack ? 0 : 1}`).check();
		await page.locator(`#${at}-workingAtGrade`).fill(assessment.grade);
		await page.locator(`#${at}-progress-${progressOption[assessment.progress]}`).check();
		if (assessment.interventions)
			await page.locator(`#${at}-interventions`).fill(assessment.interventions);
	}
}

test('a post-16 young person’s PEP with three A levels over three terms goes from the social worker to shared', async ({
	browser
}) => {
	test.setTimeout(1_500_000);
	const { childId, knownAs } = walsallPost16Case();
	const today = testDay;
	const nextPep = dayAfter(testDay, 90);
	const aspirations = `To study nursing at university ${Date.now()}`;

	// The social worker starts the review; the designated teacher chairs, as the young person is
	// in education.
	const worker = await signedInPage(browser, 'social-worker@example.org');
	const sw = worker.page;
	await visit(sw, `/children/${childId}`);
	await sw.getByRole('link', { name: 'Start a PEP' }).click();
	await sw.getByLabel('Review').check();
	await expect(sw.getByTestId('plan')).toContainText('Post-16 PETP');
	await expect(sw.getByTestId('chair')).toContainText(
		'in education, employment or training, so the designated teacher or tutor chairs'
	);
	await scanBothSizes(sw);
	await sw.getByRole('button', { name: 'Start the PEP' }).click();
	await expect(sw.getByTestId('pep-summary')).toContainText('Review: Post-16 PETP');
	const pepUrl = new URL(sw.url()).pathname;
	// The school completes the plan: Section B's parts, and no personal adviser's sign-off.
	await expect(sw.getByRole('link', { name: 'Post-16 plan' })).toBeVisible();
	await expect(sw.getByRole('link', { name: 'Designated teacher sign-off' })).toBeVisible();
	await expect(sw.getByRole('link', { name: 'Personal adviser sign-off' })).toHaveCount(0);

	// The meeting is held today.
	await sw.getByTestId('meeting-link').click();
	await fillDate(sw, 'field-date', today);
	await sw.getByRole('button', { name: 'Record that the meeting was held' }).click();
	await expect(sw).toHaveURL(new RegExp(`${pepUrl}$`));
	await expect(sw.getByTestId('pep-status')).toHaveText('Meeting held');
	await expect(sw.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The designated teacher opens it on their own device.
	const teacher = await signedInPage(browser, 'designated-teacher@example.org');
	const dt = teacher.page;
	await visit(dt, pepUrl);
	await expect(dt.getByTestId('pep-status')).toHaveText('Meeting held', { timeout: 90_000 });
	await dt.evaluate(() => navigator.serviceWorker.ready);

	// The subject progress table: three A levels, each with autumn, spring and summer.
	await dt.getByRole('link', { name: 'Subject progress' }).click();
	const rows = dt.locator('[data-add-another-item]');
	await expect(dt.getByRole('button', { name: /Add (another|a) subject/ })).toBeVisible();
	await expect(rows).toHaveCount(0);

	// The last PEP's table is offered as this one's first rows, and comes in with this term blank.
	const offer = dt.getByTestId('carry-subjects');
	await expect(offer).toContainText(/The last PEP \(.+\) recorded\s+\d+ subjects?:/);
	await expectNoAxeViolations(dt);
	const offered = Number((await offer.textContent())!.match(/recorded\s+(\d+) subject/)![1]);
	await offer.getByRole('button', { name: 'Bring in the last PEP’s subjects' }).click();
	await expect(rows).toHaveCount(offered);
	await expect(offer).toHaveCount(0);
	await expect(dt.locator(':focus')).toHaveAttribute(
		'id',
		/^subjects-0-assessments-\w+-onTrack-0$/
	);
	await expect(dt.locator('#subjects-0-course')).not.toHaveValue('');
	// This young person has moved on to A levels: the old courses are removed, one by one.
	for (let left = offered; left > 0; left--) {
		await rows
			.first()
			.getByRole('button', { name: /^Remove/ })
			.click();
		await expect(rows).toHaveCount(left - 1);
	}
	await dt.getByRole('button', { name: /Add (another|a) subject/ }).click();
	await fillSubject(dt, 0, aLevels[0]!);

	// The signal drops part way through the table.
	await teacher.context.setOffline(true);
	for (const index of [1, 2]) {
		await dt.getByRole('button', { name: 'Add another subject' }).click();
		await fillSubject(dt, index, aLevels[index]!);
	}
	await expect(rows).toHaveCount(3);

	// A reload, still with no signal, keeps everything typed.
	await dt.waitForTimeout(500);
	await reloadAndUnlock(dt);
	await expect(dt.locator('#subjects-2-course')).toHaveValue('Psychology', { timeout: 15_000 });
	await expect(dt.locator('#subjects-2-assessments-autumn-interventions')).toHaveValue(
		aLevels[2]!.terms.autumn.interventions!
	);
	await expect(dt.locator('#subjects-1-assessments-summer-progress-2')).toBeChecked();

	// The year at a glance: every A level, every term recorded.
	const glance = dt.getByTestId('year-at-a-glance');
	const glanceRows = glance.locator('tbody tr');
	await expect(glanceRows).toHaveCount(3);
	for (const [index, subject] of aLevels.entries()) {
		const row = glanceRows.nth(index);
		await expect(row.locator('th')).toHaveText(`${subject.course}, A level (target A)`);
		await expect(row.locator('td')).toHaveCount(3);
		for (const [column, term] of (['autumn', 'spring', 'summer'] as const).entries()) {
			await expect(row.locator('td').nth(column)).toContainText(
				`Working at ${subject.terms[term].grade}`
			);
		}
	}
	await expect(glance).not.toContainText('Not recorded');
	await expect(glance).toContainText('Less than expected progress, Not on track');
	await dt.getByRole('radio', { name: 'Yes, I’ve completed this part' }).check();
	await scanBothSizes(dt);
	await saveAndReturn(dt, pepUrl);
	await expect(dt.locator('#status-subject-progress')).toHaveText('Complete');

	// The overview, written to the young person.
	await dt.getByRole('link', { name: 'Attainment and progress overview' }).click();
	await dt
		.locator('#field-text')
		.fill(
			'You are working hard in all three A levels, and your Psychology has come on well since the extra sessions.'
		);
	await dt.locator('#complete').check();
	await saveAndReturn(dt, pepUrl);
	await expect(dt.locator('#status-progress-overview')).toHaveText('Complete');

	// A SMART target towards the young person's aspiration.
	await dt.getByRole('link', { name: 'SMART targets' }).click();
	const targets = dt.locator('[data-add-another-item]');
	await expect(dt.getByRole('button', { name: /Add (another|a) target/ })).toBeVisible();
	const t = await targets.count();
	await dt.getByRole('button', { name: /Add (another|a) target/ }).click();
	await dt
		.locator(`#targets-${t}-text`)
		.fill('You will draft your UCAS personal statement for nursing and share it with your tutor');
	await dt.locator(`#targets-${t}-successMeasure`).fill('A first draft read by your tutor');
	await dt.locator(`#targets-${t}-owner`).fill('Sixth form tutor');
	await dt
		.locator(`#targets-${t}-actionsForAdults`)
		.fill('Book a session with the careers adviser about nursing degrees');
	await fillDate(dt, `targets-${t}-dueDate`, nextPep);
	await expect(targets.nth(t).getByTestId('smart-summary')).toHaveText(
		'Not yet SMART: 1 of 5 to strengthen (Relevant).'
	);
	// Linked to the aspiration it works towards, as the seed asks of every target.
	await dt.locator(`#targets-${t}-aspiration`).fill('A place on a nursing degree');
	await expect(targets.nth(t).getByTestId('smart-summary')).toHaveText(
		'This target is SMART: specific, measurable, achievable, relevant and time-bound.'
	);
	await dt.getByRole('radio', { name: 'Yes, I’ve completed this part' }).check();
	await saveAndReturn(dt, pepUrl);
	await expect(dt.locator('#status-targets')).toHaveText('Complete');

	// The meeting page.
	await dt.getByRole('link', { name: 'The PEP meeting' }).click();
	await dt.locator('#summary').fill('We talked about your A levels and applying for nursing.');
	await dt.locator('#youngPersonAttended-0').check();
	await dt.locator('#attendance-percentage').fill('94');
	await dt.getByRole('radio', { name: 'Yes, I’ve completed this part' }).check();
	await saveAndReturn(dt, pepUrl);
	await expect(dt.locator('#status-meeting-page')).toHaveText('Complete');

	// The post-16 plan.
	await dt.getByRole('link', { name: 'Post-16 plan' }).click();
	await dt.getByLabel('What are their aspirations?').fill(aspirations);
	await dt
		.getByLabel('How are they supported towards them?')
		.fill('Careers guidance, and a work experience week on a hospital ward.');
	await dt.getByRole('radio', { name: 'Yes', exact: true }).check();
	await dt.getByLabel('Next steps').fill('Open days at two universities in the summer term.');
	await dt.locator('#complete').check();
	await scanBothSizes(dt);
	await saveAndReturn(dt, pepUrl);
	await expect(dt.locator('#status-post-16-plan')).toHaveText('Complete');
	await expect(dt.getByTestId('sync-status')).toContainText('Offline');

	// Sign-off lists what is still to do: the young person's views, and the social worker first.
	await dt.getByRole('link', { name: 'Designated teacher sign-off' }).click();
	const toDo = dt.getByTestId('sign-off-to-do');
	await expect(toDo).toContainText('Record the young person');
	await expect(toDo.getByRole('listitem')).toHaveCount(2);
	await expect(toDo).toContainText('Enter the date of the next PEP meeting');
	await expect(dt.getByTestId('sign-off-blockers')).toContainText(
		'The social worker signs off Section A first.'
	);
	await scanBothSizes(dt);

	// The young person gives their views with the designated teacher's help, from that list.
	await toDo.getByRole('link', { name: /Record the young person/ }).click();
	// The pages speak to the teacher about the young person, and keep the questions to read aloud.
	await expect(dt.getByRole('heading', { level: 1 })).toHaveText(
		`${knownAs}’s views for their PEP meeting`
	);
	await expect(dt.getByTestId('voice-guidance')).toContainText(`Sit with ${knownAs}`);
	await dt.getByRole('link', { name: /^(Start|Carry on)/ }).click();
	await expect(dt.getByText('Question 1 of 9')).toBeVisible();
	await expect(dt.getByText(`${knownAs} does not have to answer.`)).toBeVisible();
	await expect(
		dt.getByLabel(`${knownAs} would rather talk about this at the meeting`)
	).toBeVisible();
	await dt.getByRole('textbox').fill('I want to be a nurse, like my aunt.');
	await dt.getByRole('button', { name: 'Continue' }).click();
	for (let n = 2; n <= 9; n++) {
		await expect(dt.getByText(`Question ${n} of 9`)).toBeVisible();
		await dt.getByRole('link', { name: 'Skip this question' }).click();
	}
	await expect(dt.getByRole('heading', { level: 1 })).toHaveText(`Check ${knownAs}’s answers`);
	await expect(dt.getByTestId('answer-aboutMe')).toHaveText('I want to be a nurse, like my aunt.');
	await expect(dt.getByText('Written down with help from')).toBeVisible();
	await dt.getByRole('button', { name: `Send ${knownAs}’s answers` }).click();
	await expect(dt.getByRole('heading', { level: 1 })).toHaveText('Thank you');

	// Back online: everything typed reaches the server.
	await teacher.context.setOffline(false);
	await expect(dt.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The social worker completes Section A's seven parts and signs off with the next PEP date.
	await completeSectionA(sw, pepUrl);
	await sw.getByRole('link', { name: 'Social worker sign-off' }).click();
	await fillDate(sw, 'nextPepDate', nextPep);
	await sw.getByRole('button', { name: 'Sign off Section A' }).click();
	await expect(sw).toHaveURL(new RegExp(`${pepUrl}$`));
	await expect(sw.getByTestId('pep-status')).toHaveText('Signed by the social worker');
	await expect(sw.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The designated teacher signs off Section B: nothing left to do, the date from the SW's.
	await visit(dt, `${pepUrl}/parts/designated-teacher-sign-off`);
	await expect(dt.getByTestId('pep-status')).toContainText('Signed by the social worker', {
		timeout: 90_000
	});
	await expect(dt.getByTestId('sign-off-to-do')).toHaveCount(0);
	await expect(dt.getByTestId('sign-off-deadline')).toContainText(
		'5 working days after the meeting'
	);
	await scanBothSizes(dt);
	await dt.getByRole('button', { name: 'Sign off Section B' }).click();
	await expect(dt).toHaveURL(new RegExp(`${pepUrl}$`));
	await expect(dt.getByTestId('pep-status')).toHaveText('Signed by the designated teacher');
	await expect(dt.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The Virtual School passes quality assurance, every item of the checklist Yes.
	const officer = await signedInPage(browser, 'virtual-school@example.org');
	const vs = officer.page;
	await visit(vs, `${pepUrl}/quality-assurance`);
	await expect(vs.getByRole('button', { name: 'Pass quality assurance' })).toBeVisible({
		timeout: 90_000
	});
	for (const yes of await vs.locator('input[id^="qa-"][id$="-yes"]').all()) await yes.check();
	await vs.getByRole('button', { name: 'Pass quality assurance' }).click();
	await expect(vs.getByTestId('qa-status')).toContainText('Passed quality assurance');
	await expect(vs.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The social worker shares it; the designated teacher sees it shared.
	await visit(sw, pepUrl);
	await expect(sw.getByTestId('pep-status')).toHaveText('Passed quality assurance', {
		timeout: 90_000
	});
	await sw.getByRole('button', { name: 'Share the PEP' }).click();
	await expect(sw.getByTestId('pep-status')).toHaveText('Shared');
	await expect(sw.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });
	await visit(dt, pepUrl);
	await expect(dt.getByTestId('pep-status')).toHaveText('Shared', { timeout: 90_000 });

	// The IRO reads the plan before the review: the subject table and the post-16 plan on it.
	const reviewer = await signedInPage(browser, 'iro@example.org');
	const iro = reviewer.page;
	await visit(iro, `${pepUrl}/plan`);
	await expect(iro.getByTestId('plan')).toContainText('Shared', { timeout: 90_000 });
	const planGlance = iro.getByTestId('year-at-a-glance');
	await expect(planGlance.locator('tbody tr')).toHaveCount(3);
	for (const subject of aLevels) await expect(planGlance).toContainText(subject.course);
	await expect(planGlance).not.toContainText('Not recorded');
	await expect(iro.getByTestId('plan')).toContainText(aLevels[2]!.terms.autumn.interventions!);
	await expect(iro.getByTestId('post-16-plan')).toContainText(aspirations);
	await scanBothSizes(iro);

	await Promise.all([
		worker.context.close(),
		teacher.context.close(),
		officer.context.close(),
		reviewer.context.close()
	]);
});
