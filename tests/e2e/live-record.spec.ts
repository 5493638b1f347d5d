/**
 * A page left open on one device shows what another device changes, as sync brings it, without
 * a reload: a social worker at the meeting sees the teacher's Section B as it is written.
 */
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { liveRecordCase } from './support/demo-case';
import { otherDevice } from './support/other-device';
import { signedInPage, visit } from './support/session';

test('pages open on one device show what another device changes, without a reload', async ({
	browser,
	baseURL
}) => {
	test.setTimeout(300_000);
	const { childId, pep } = liveRecordCase();
	const part = (name: string) => `child:${childId}:pep:${pep.pepId}:${name}`;
	const pepUrl = `/children/${childId}/peps/${pep.pepId}`;
	const { page } = await signedInPage(browser, 'social-worker@example.org');
	const teacher = await otherDevice(baseURL!, 'designated-teacher@example.org');
	const office = await otherDevice(baseURL!, 'social-worker@example.org');

	// A part the social worker reads: the teacher's words arrive while it is open.
	await visit(page, `${pepUrl}/parts/progress-overview`);
	const overview = page.getByTestId('value-text');
	const before = ((await teacher.get(part('b'))).progressOverview as { text: string }).text;
	await expect(overview).toHaveText(before);
	await teacher.change(part('b'), (doc) => ({
		...doc,
		progressOverview: { ...(doc.progressOverview as object), text: 'Written by the teacher now.' }
	}));
	await expect(overview).toHaveText('Written by the teacher now.', { timeout: 60_000 });

	// A part the social worker writes, open with nothing typed: a change made on their laptop
	// shows in the field.
	await page.getByRole('link', { name: 'Back to the PEP' }).click();
	await page.getByRole('link', { name: 'Social worker information' }).click();
	const field = page.getByLabel('Social worker information');
	await expect(field).toBeEnabled();
	await office.change(part('a'), (doc) => ({
		...doc,
		socialWorkerInformation: {
			...(doc.socialWorkerInformation as object),
			history: 'Brought up to date on the laptop.'
		}
	}));
	await expect(field).toHaveValue('Brought up to date on the laptop.', { timeout: 60_000 });

	// What they type then is theirs, and is saved over the laptop's revision, not lost to it.
	await field.fill('Brought up to date on the laptop, and at the meeting.');
	await field.blur();
	await expect(page.getByText('Saved.', { exact: true })).toBeVisible();
	await expectNoAxeViolations(page);
	const saved = expect.poll(
		async () =>
			((await office.get(part('a'))).socialWorkerInformation as { history: string }).history,
		{ timeout: 60_000 }
	);
	await saved.toBe('Brought up to date on the laptop, and at the meeting.');

	// My Voice, read by the social worker while the designated teacher helps the child write it.
	await visit(page, `${pepUrl}/my-voice/check`);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	const header = await teacher.get(`child:${childId}:pep:${pep.pepId}`);
	await teacher.create({
		_id: part('voice'),
		type: 'pep-voice',
		schemaVersion: 1,
		childId,
		authorityId: header.authorityId,
		schoolId: header.schoolId,
		pepId: pep.pepId,
		answers: { goingWell: 'Football club on Tuesdays, and reading with my carer.' }
	});
	await expect(page.getByText('Football club on Tuesdays, and reading with my carer.')).toBeVisible(
		{
			timeout: 60_000
		}
	);
	await expectNoAxeViolations(page);
});
