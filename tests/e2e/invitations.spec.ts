/**
 * Invitation codes, as people use them: a social worker on a tablet invites a young person and
 * reads the code off the screen; the young person joins on their phone with it, chooses a password
 * and a passcode, and reaches their own home page; the code then works for nobody else. A carer's
 * code opened from the QR code's link stops working when the social worker withdraws it.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { newContextAt } from './support/clock';
import { watchForCspViolations } from './support/csp';
import { passcode, phone, reloadAndUnlock, signedInPage, tablet, visit } from './support/session';
import { demoCase } from './support/demo-case';

/** A child on the demo social worker's caseload with a PEP, so their young person has one too. */
function childWithPep(): string {
	return demoCase('invitations').childId;
}

/** Scans at a tablet's size and at a phone's, and leaves the page at `leaveAt`. */
async function scanAtBothSizes(page: Page, leaveAt = tablet) {
	await page.setViewportSize(tablet);
	await expectNoAxeViolations(page);
	await page.setViewportSize(phone);
	await expectNoAxeViolations(page);
	await page.setViewportSize(leaveAt);
}

/** The code as the social worker reads it off the screen. */
async function readCode(page: Page): Promise<string> {
	const shown = await page
		.getByTestId('invitation-code')
		.locator('[aria-hidden="true"]')
		.innerText();
	return shown.replace(/\s+/g, '');
}

/** A phone of someone who has never used the app, on the join page. */
async function phoneOnJoinPage(browser: Browser, path = '/join') {
	const context = await newContextAt(browser, { viewport: phone });
	const page = await context.newPage();
	const cspViolations = await watchForCspViolations(page);
	await page.goto(path);
	return { context, page, cspViolations };
}

/** Every control in the page's main part is at least 44 by 44 pixels: made for a thumb. */
async function expectLargeTargets(page: Page) {
	const small = await page.locator('main a, main button, main input').evaluateAll((els) =>
		els
			.map((el) => ({ el, box: el.getBoundingClientRect() }))
			.filter(({ box }) => box.width > 0 && (box.width < 44 || box.height < 44))
			.filter(({ el }) => !el.closest('p, li'))
			.map(({ el, box }) => `${el.textContent?.trim() || el.id} ${box.width}×${box.height}`)
	);
	expect(small).toEqual([]);
}

test('a social worker invites a young person, who joins on a phone with the code, once', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const childId = childWithPep();
	const name = `Jay ${Date.now() % 100_000}`;
	const email = `jay.${Date.now()}@example.org`;

	// The social worker, on a tablet, opens the child's page and invites the young person.
	const { context: workerContext, page } = await signedInPage(browser, 'social-worker@example.org');
	await visit(page, `/children/${childId}`);
	await expect(page.getByTestId('invite-links')).toBeVisible();
	await scanAtBothSizes(page);
	await page.getByRole('link', { name: 'Invite the young person' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Invite the young person to join'
	);
	const makeCode = page.getByRole('button', { name: 'Make a code' });

	// Offline, a code cannot be made, and the page says why.
	await workerContext.setOffline(true);
	await expect(page.getByTestId('offline-reason')).toContainText('needs an internet connection');
	await expect(makeCode).toBeDisabled();
	await workerContext.setOffline(false);
	await expect(makeCode).toBeEnabled();

	// The name is needed: the error summary says so, and links to the box.
	await page.getByLabel('The young person’s name').fill('');
	await makeCode.click();
	await expect(page.getByRole('alert')).toContainText('Enter the young person’s name');
	await scanAtBothSizes(page);
	await page.getByLabel('The young person’s name').fill(name);
	await scanAtBothSizes(page);
	await makeCode.click();

	// The code, large, to read out; a QR code; and when it stops working.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Code for ${name}`);
	const code = await readCode(page);
	expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
	await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
	await expect(page.getByTestId('invitation-expiry')).toContainText(
		/The code works once, until \d{1,2}(:\d\d)?(am|pm) on \w+day \d{1,2} \w+ \d{4}\./
	);
	await scanAtBothSizes(page);

	// The open invitations list it, with when it stops working and a Withdraw button.
	await page.getByRole('link', { name: /See open invitations/ }).click();
	const row = page.getByTestId('invitations').getByRole('row', { name: new RegExp(name) });
	await expect(row).toContainText('Young person');
	await expect(row.getByRole('button', { name: `Withdraw the code for ${name}` })).toBeVisible();
	await scanAtBothSizes(page);

	// The young person, on their phone, types the code as it was read out to them.
	const { context: phoneContext, page: phonePage } = await phoneOnJoinPage(browser);
	await expect(phonePage.getByRole('heading', { level: 1 })).toHaveText('Join with your code');
	await scanAtBothSizes(phonePage, phone);
	await expectLargeTargets(phonePage);
	const spoken = `${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`.toLowerCase();
	await phonePage.getByLabel('Your code').fill(spoken);
	await phonePage.getByRole('button', { name: 'Continue' }).click();
	await expect(phonePage.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${name}`);
	await expect(phonePage.getByText('You are joining as the young person')).toBeVisible();
	await scanAtBothSizes(phonePage, phone);
	await expectLargeTargets(phonePage);

	// A password too short is refused in plain words, then they choose a good one.
	await phonePage.getByLabel('Your email address').fill(email);
	await phonePage.getByLabel('Make up a password', { exact: true }).fill('short');
	await phonePage.getByLabel('Type your password again', { exact: true }).fill('short');
	await phonePage.getByRole('button', { name: 'Join' }).click();
	await expect(phonePage.getByRole('alert')).toContainText(
		'Your password must have 12 or more letters, numbers or symbols'
	);
	await scanAtBothSizes(phonePage, phone);
	await phonePage.getByLabel('Make up a password', { exact: true }).fill('purple tiger jumps high');
	await phonePage
		.getByLabel('Type your password again', { exact: true })
		.fill('purple tiger jumps high');
	await phonePage.getByRole('button', { name: 'Join' }).click();

	// As after any first sign-in, the phone asks for a passcode, then shows their home page.
	await expect(phonePage).toHaveURL(/\/passcode$/, { timeout: 30_000 });
	await phonePage.getByLabel('Passcode', { exact: true }).fill(passcode);
	await phonePage.getByLabel('Confirm passcode', { exact: true }).fill(passcode);
	await phonePage.getByRole('button', { name: 'Save passcode' }).click();
	await expect(phonePage.getByRole('heading', { level: 1 })).toHaveText(`Welcome, ${name}`, {
		timeout: 30_000
	});
	await expect(phonePage.getByText('You are signed in as a young person.')).toBeVisible();
	await expect(phonePage.getByRole('link', { name: 'My Voice: your views' })).toBeVisible({
		timeout: 120_000
	});
	await phoneContext.close();

	// The code works once: on another phone it is refused.
	const { context: otherContext, page: otherPhone } = await phoneOnJoinPage(browser);
	await otherPhone.getByLabel('Your code').fill(code);
	await otherPhone.getByRole('button', { name: 'Continue' }).click();
	await expect(otherPhone.getByRole('alert')).toContainText('That code does not work.');
	await expect(otherPhone.getByRole('heading', { level: 1 })).toHaveText('Join with your code');
	await scanAtBothSizes(otherPhone, phone);
	await otherContext.close();

	// And it is no longer an open invitation.
	await reloadAndUnlock(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open invitations');
	await expect(page.getByRole('main')).not.toContainText(name);
	await workerContext.close();
});

test('a carer’s code opened from its link stops working when the social worker withdraws it, and nothing breaks the CSP', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const childId = childWithPep();
	const name = `Pat ${Date.now() % 100_000}`;

	const { context: workerContext, page } = await signedInPage(browser, 'social-worker@example.org');
	const workerCsp = await watchForCspViolations(page);
	await visit(page, `/children/${childId}`);
	await page.getByRole('link', { name: 'Invite a carer' }).click();
	await page.getByLabel('The carer’s name').fill(name);
	await page.getByRole('button', { name: 'Make a code' }).click();
	const code = await readCode(page);

	// The QR code opens the join page with the code in it: the phone checks it at once.
	await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
	const {
		context: phoneContext,
		page: phonePage,
		cspViolations: phoneCsp
	} = await phoneOnJoinPage(browser, `/join#code=${code}`);
	await expect(phonePage.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${name}`);
	await expect(phonePage.getByText('You are joining as a carer')).toBeVisible();
	// The code is taken out of the address.
	expect(new URL(phonePage.url()).hash).toBe('');

	// Meanwhile the social worker withdraws it.
	await page.getByRole('link', { name: /See open invitations/ }).click();
	await page.getByRole('button', { name: `Withdraw the code for ${name}` }).click();
	await expect(page.getByTestId('withdrawn')).toContainText(
		`The code for ${name} has been withdrawn. It no longer works.`
	);
	await expect(
		page.getByTestId('invitations').or(page.getByTestId('no-invitations'))
	).not.toContainText(name);
	await scanAtBothSizes(page);

	// So joining with it is refused, and the phone asks for a code again.
	await phonePage.getByLabel('Your email address').fill(`pat.${Date.now()}@example.org`);
	await phonePage.getByLabel('Make up a password', { exact: true }).fill('a carer’s long password');
	await phonePage
		.getByLabel('Type your password again', { exact: true })
		.fill('a carer’s long password');
	await phonePage.getByRole('button', { name: 'Join' }).click();
	await expect(phonePage.getByRole('alert')).toContainText('That code does not work.');
	await expect(phonePage.getByRole('heading', { level: 1 })).toHaveText('Join with your code');
	// The QR code, the code and the join page need nothing the Content-Security-Policy forbids.
	expect(workerCsp).toEqual([]);
	expect(phoneCsp).toEqual([]);
	await phoneContext.close();
	await workerContext.close();
});

/** Two children of the demo social worker's caseload with PEPs, for one carer. */
function brothers(): [string, string] {
	return [demoCase('brotherOne').childId, demoCase('brotherTwo').childId];
}

test('a carer who has joined adds a second child with a new code, signed in', async ({
	browser
}) => {
	test.setTimeout(600_000);
	const [first, second] = brothers();
	const name = `Robin ${Date.now() % 100_000}`;
	const { context: workerContext, page } = await signedInPage(browser, 'social-worker@example.org');
	async function inviteFor(childId: string) {
		await visit(page, `/children/${childId}`);
		await page.getByRole('link', { name: 'Invite a carer' }).click();
		await page.getByLabel('The carer’s name').fill(name);
		await page.getByRole('button', { name: 'Make a code' }).click();
		return readCode(page);
	}

	// The carer joins for the first child, on their phone.
	const { context: phoneContext, page: phonePage } = await phoneOnJoinPage(
		browser,
		`/join#code=${await inviteFor(first)}`
	);
	await expect(phonePage.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${name}`);
	await phonePage.getByLabel('Your email address').fill(`robin.${Date.now()}@example.org`);
	await phonePage.getByLabel('Make up a password', { exact: true }).fill('two brothers at home');
	await phonePage
		.getByLabel('Type your password again', { exact: true })
		.fill('two brothers at home');
	await phonePage.getByRole('button', { name: 'Join' }).click();
	await expect(phonePage).toHaveURL(/\/passcode$/, { timeout: 30_000 });
	await phonePage.getByLabel('Passcode', { exact: true }).fill(passcode);
	await phonePage.getByLabel('Confirm passcode', { exact: true }).fill(passcode);
	await phonePage.getByRole('button', { name: 'Save passcode' }).click();
	await expect(phonePage.getByTestId('my-pep')).toHaveCount(1, { timeout: 60_000 });

	// A code for the brother: joining again would refuse their email, so they add him signed in.
	const code = await inviteFor(second);
	await phonePage.getByRole('link', { name: 'Add a child with a code' }).click();
	await expect(phonePage.getByRole('heading', { level: 1 })).toHaveText('Add a child with a code');
	await phonePage.getByLabel('The code').fill('NOT A CODE');
	await phonePage.getByRole('button', { name: 'Add the child' }).click();
	await expect(phonePage.locator('#code-error')).toBeVisible();
	await scanAtBothSizes(phonePage, phone);
	await phonePage.getByLabel('The code').fill(code);
	await phonePage.getByRole('button', { name: 'Add the child' }).click();
	// Home again: the second child's PEP arrives with the sync the change of access starts.
	await expect(phonePage.getByTestId('my-pep')).toHaveCount(2, { timeout: 90_000 });
	// Each child's part of the page is named, so the carer can tell the brothers apart.
	for (const brother of [demoCase('brotherOne'), demoCase('brotherTwo')]) {
		await expect(
			phonePage.getByRole('heading', { name: `${brother.knownAs}’s next PEP meeting` })
		).toBeVisible();
	}
	await expectNoAxeViolations(phonePage);
	await phoneContext.close();
	await workerContext.close();
});
