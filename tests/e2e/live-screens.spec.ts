/**
 * Every screen family left open on one device shows what another device changes, as sync brings
 * it, without a reload: the home screen, the child's page, the PEP's page, quality assurance, the
 * plan and meeting mode (live-record.spec.ts has the part pages and My Voice). And a page open
 * while the record is rebuilt after a withdrawal shows the record again, and goes on following it.
 */
import { request as playwrightRequest, type APIRequestContext, type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { demoCase, liveCaseloadCase, liveMeetingCase, liveQaCase } from './support/demo-case';
import { otherDevice, type OtherDevice } from './support/other-device';
import { demoPassword, signedInPage, visit } from './support/session';

/** Moves a PEP on as the app does: the new status, and a line of its history. */
function movedTo(status: string, by: string) {
	return (doc: Record<string, unknown>) => ({
		...doc,
		status,
		history: [...(doc.history as object[]), { status, at: new Date().toISOString(), by }]
	});
}

/** An administrator of the demo authority, signed in over HTTP. */
async function administrator(baseURL: string): Promise<APIRequestContext> {
	const admin = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL }
	});
	const signedIn = await admin.post('/api/session', {
		data: { email: 'admin@example.org', password: demoPassword }
	});
	expect(signedIn.ok(), await signedIn.text()).toBe(true);
	return admin;
}

/** A person of this journey's own, made by the administrator; returns their id. */
async function newPerson(
	admin: APIRequestContext,
	email: string,
	displayName: string,
	role: 'social-worker' | 'virtual-school'
): Promise<string> {
	const created = await admin.post('/api/admin/users', {
		data: { email, displayName, role, authorityId: 'demo-authority', password: demoPassword }
	});
	expect(created.ok(), await created.text()).toBe(true);
	return ((await created.json()) as { userId: string }).userId;
}

/** Marks the page, to show later that it was never loaded again. */
async function markPage(page: Page): Promise<void> {
	await page.evaluate(() => ((window as unknown as { liveMark: string }).liveMark = 'still here'));
}

async function expectSamePage(page: Page): Promise<void> {
	expect(await page.evaluate(() => (window as unknown as { liveMark?: string }).liveMark)).toBe(
		'still here'
	);
}

test('the home screen, the child’s page and the PEP’s page follow changes made on another device', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(300_000);
	const { childId, pep, name } = liveCaseloadCase();
	const headerId = `child:${childId}:pep:${pep.pepId}`;
	const { page } = await signedInPage(browser, 'social-worker@example.org');
	const laptop: OtherDevice = await otherDevice(baseURL!, 'social-worker@example.org');
	await markPage(page);

	// The home screen: yesterday's meeting is still to be recorded as held.
	const rows = page.getByTestId('children').locator('tbody tr');
	await page.getByLabel('Find a child').fill(name);
	const row = rows.filter({ hasText: name });
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('Record that the meeting was held');
	// The social worker records it on their laptop: the child's next step moves on here.
	await laptop.change(headerId, movedTo('meeting-held', laptop.userId));
	await expect(row).toContainText('Social worker sign-off', { timeout: 60_000 });
	await expect(row).not.toContainText('Record that the meeting was held');
	await expectNoAxeViolations(page);

	// The child's page: the PEP's status, and a contact added on the laptop, arrive while open.
	await row.getByRole('link', { name }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	const pepRow = page.getByTestId('pep-year').locator('tr').filter({ hasText: 'Meeting held' });
	await expect(pepRow).toHaveCount(1);
	const profile = page.getByTestId('profile');
	await expect(profile).not.toContainText('Priya Raman');
	await laptop.change(`child:${childId}`, (doc) => ({
		...doc,
		keyContacts: [
			...(doc.keyContacts as object[]),
			{ role: 'Mentor', name: 'Priya Raman', organisation: 'Youth service' }
		]
	}));
	await expect(profile).toContainText('Priya Raman, Mentor, Youth service', { timeout: 60_000 });
	await expectNoAxeViolations(page);

	// The PEP's page: signed off on the laptop, it waits for the designated teacher here.
	await pepRow.getByRole('link').click();
	const status = page.getByTestId('pep-status');
	await expect(status).toHaveText('Meeting held');
	await expect(page.getByTestId('pep-summary')).toContainText('Social worker sign-off');
	await laptop.change(headerId, movedTo('sw-signed', laptop.userId));
	await expect(status).toHaveText('Signed by the social worker', { timeout: 60_000 });
	await expect(page.getByTestId('pep-summary')).toContainText('Designated teacher sign-off');
	await expectNoAxeViolations(page);
	await expectSamePage(page);
});

test('quality assurance open on one officer’s device follows another officer’s feedback and decision', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(300_000);
	const { childId, pep } = liveQaCase();
	const qaId = `child:${childId}:pep:${pep.pepId}:qa`;
	// A second officer of the Virtual School, of this journey's own.
	const admin = await administrator(baseURL!);
	const email = `live-qa-${Date.now()}@example.org`;
	const colleagueId = await newPerson(admin, email, 'Sam Okoro', 'virtual-school');
	const assigned = await admin.put(`/api/admin/users/${colleagueId}/assignment`, {
		data: { authorityIds: ['demo-authority'] }
	});
	expect(assigned.ok(), await assigned.text()).toBe(true);
	await admin.dispose();
	const colleague = await otherDevice(baseURL!, email);

	const { page } = await signedInPage(browser, 'virtual-school@example.org');
	await visit(page, `/children/${childId}/peps/${pep.pepId}/quality-assurance`);
	await markPage(page);
	const feedback = page.getByLabel('Feedback for the designated teacher and social worker');
	await expect(feedback).toBeEditable({ timeout: 60_000 });
	await expect(feedback).toHaveValue('');
	// The checklist pre-filled from the record is saved and sent before anyone else writes.
	await expect(page.getByTestId('save-status')).toHaveText('Saved.', { timeout: 60_000 });
	const answered = async () => {
		try {
			return Object.values((await colleague.get(qaId)).checklist as object).some((a) => a !== null);
		} catch {
			return false; // not on the server yet
		}
	};
	await expect.poll(answered, { timeout: 60_000 }).toBe(true);
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 60_000 });

	// The colleague writes the feedback on their own device: it shows in the open form.
	const words = 'The targets need a date each, and who will help.';
	await colleague.change(qaId, (doc) => ({ ...doc, feedback: words }));
	await expect(feedback).toHaveValue(words, { timeout: 60_000 });
	await expectNoAxeViolations(page);

	// They pass it: the form closes here and says who passed it.
	await colleague.change(qaId, (doc) => ({
		...doc,
		outcome: 'passed',
		reviewer: { userId: colleague.userId, name: 'Sam Okoro' },
		decidedAt: new Date().toISOString()
	}));
	await colleague.change(
		`child:${childId}:pep:${pep.pepId}`,
		movedTo('qa-passed', colleague.userId)
	);
	const status = page.getByTestId('qa-status');
	await expect(status).toContainText('This PEP is: Passed quality assurance.', { timeout: 60_000 });
	await expect(status).toContainText('Passed by Sam Okoro');
	await expect(feedback).toHaveCount(0);
	await expect(page.getByTestId('qa-feedback-text')).toHaveText(words);
	await expect(page.getByRole('button', { name: 'Pass quality assurance' })).toHaveCount(0);
	await expectNoAxeViolations(page);
	await expectSamePage(page);
});

test('the plan and meeting mode follow what the school adds on its own device', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(300_000);
	const { childId, pep } = liveMeetingCase();
	const pepUrl = `/children/${childId}/peps/${pep.pepId}`;
	const headerId = `child:${childId}:pep:${pep.pepId}`;
	const part = (name: string) => `${headerId}:${name}`;
	const { page } = await signedInPage(browser, 'social-worker@example.org');
	const school = await otherDevice(baseURL!, 'designated-teacher@example.org');

	// The plan, read by the social worker: a target the teacher adds arrives.
	await visit(page, `${pepUrl}/plan`);
	await markPage(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('The plan');
	const target = 'Read for twenty minutes every evening, with a reading log the carer signs.';
	await expect(page.getByTestId('plan')).not.toContainText(target);
	await school.change(part('targets'), (doc) => ({
		...doc,
		targets: [
			...(doc.targets as object[]),
			{
				targetId: `target-${Date.now()}`,
				horizon: 'short',
				area: 'academic',
				text: target,
				successMeasure: 'A reading age within a year of their own.',
				owner: 'Class teacher',
				setOn: pep.meeting.date ?? pep.dueBy
			}
		]
	}));
	await expect(page.getByTestId('targets')).toContainText(target, { timeout: 60_000 });
	await expectNoAxeViolations(page);

	// Meeting mode, run on the social worker's tablet: someone the school invites on its own
	// device joins the attendance sheet.
	await page.getByRole('link', { name: 'Back to the PEP' }).click();
	await page.getByTestId('meeting-mode-link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Before the meeting');
	await page.getByRole('link', { name: /^Next: / }).click();
	await expect(page.getByTestId('attendance-sheet')).toBeVisible();
	await expect(page.getByLabel('Dr Ada Okafor', { exact: true })).toHaveCount(0);
	await school.change(headerId, (doc) => ({
		...doc,
		invitees: [
			...(doc.invitees as object[]),
			{
				inviteeId: `invitee-${Date.now()}`,
				name: 'Dr Ada Okafor',
				role: 'educational-psychologist',
				attendance: 'confirmed'
			}
		]
	}));
	await expect(page.getByLabel('Dr Ada Okafor', { exact: true })).toBeVisible({ timeout: 60_000 });
	await expect(page.getByLabel('Dr Ada Okafor', { exact: true })).not.toBeChecked();
	await expectNoAxeViolations(page);

	// The meeting page, typed at the school: its summary shows in the outcomes step.
	await page
		.getByRole('navigation', { name: 'The meeting' })
		.getByRole('link', { name: 'Outcomes and actions' })
		.click();
	const summary = 'Agreed a reading plan; the school will check in every Friday.';
	await expect(page.getByRole('main')).not.toContainText(summary);
	await school.change(part('b'), (doc) => ({
		...doc,
		meetingPage: { ...(doc.meetingPage as object), summary }
	}));
	await expect(page.getByRole('main')).toContainText(summary, { timeout: 60_000 });
	await expectNoAxeViolations(page);
	await expectSamePage(page);
});

test('a page open while a withdrawal rebuilds the record shows the record again, and follows it', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(300_000);
	// A social worker of this journey's own: withdrawing a child rebuilds the record on every
	// device of the person it is withdrawn from, and no other journey works as them.
	const leaving = demoCase('liveWithdrawal');
	const staying = demoCase('liveRebuild');
	const admin = await administrator(baseURL!);
	const email = `live-rebuild-${Date.now()}@example.org`;
	const userId = await newPerson(admin, email, 'Jo Whitfield', 'social-worker');
	const assign = (childIds: string[]) =>
		admin.put(`/api/admin/users/${userId}/assignment`, { data: { childIds } });
	const assigned = await assign([leaving.childId, staying.childId]);
	expect(assigned.ok(), await assigned.text()).toBe(true);

	const { page } = await signedInPage(browser, email);
	await expect(page.getByTestId('children').getByRole('link')).toHaveCount(2, { timeout: 60_000 });
	const laptop = await otherDevice(baseURL!, email);

	// The staying child's PEP is open when the administrator takes the other child away.
	await visit(page, `/children/${staying.childId}/peps/${staying.pep.pepId}`);
	await markPage(page);
	const summary = page.getByTestId('pep-summary');
	await expect(summary).toContainText('Being prepared');
	await expect(summary).not.toContainText('at 14:45');
	const told = page.waitForResponse(
		async (response) =>
			new URL(response.url()).pathname === '/api/access' &&
			response.ok() &&
			!((await response.json()) as { childIds: string[] }).childIds.includes(leaving.childId),
		{ timeout: 120_000 }
	);
	const changed = await assign([staying.childId]);
	expect(changed.ok(), await changed.text()).toBe(true);
	// The device hears of it, stops syncing the old record and rebuilds it.
	await told;
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 120_000 });

	// The page shows the PEP again, read from the new record, and follows what sync brings to it.
	await laptop.change(`child:${staying.childId}:pep:${staying.pep.pepId}`, (doc) => ({
		...doc,
		meeting: { ...(doc.meeting as object), startTime: '14:45' }
	}));
	await expect(summary).toContainText('at 14:45', { timeout: 60_000 });
	await expect(summary).toContainText('Being prepared');
	await expectNoAxeViolations(page);

	// The withdrawn child is gone from the device; the other is there.
	await page.getByRole('link', { name: `Back to ${staying.name}` }).click();
	await page.getByRole('link', { name: 'Back to children' }).click();
	const children = page.getByTestId('children');
	await expect(children.getByRole('link')).toHaveCount(1, { timeout: 30_000 });
	await expect(children).toContainText(staying.name);
	await expect(children).not.toContainText(leaving.name);
	await expectSamePage(page);
	await admin.dispose();
});
