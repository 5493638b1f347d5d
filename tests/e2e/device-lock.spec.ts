import { request as playwrightRequest, type Page } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { demoPassword, passcode, signIn, unlock } from './support/session';
import { demoCase } from './support/demo-case';
import { openChildAndPep } from './support/pep-pages';

/** The lock time is a setting kept on the device; a test makes it short by writing it there. */
async function setLockAfterSeconds(page: Page, seconds: number) {
	await page.evaluate(
		(value) =>
			new Promise<void>((done, fail) => {
				const opened = indexedDB.open('pep-device');
				opened.onerror = () => fail(opened.error);
				opened.onsuccess = () => {
					const tx = opened.result.transaction('settings', 'readwrite');
					tx.objectStore('settings').put({ name: 'lockAfterSeconds', value });
					tx.oncomplete = () => {
						opened.result.close();
						done();
					};
					tx.onerror = () => fail(tx.error);
				};
			}),
		seconds
	);
}

async function enterPasscode(page: Page, code: string) {
	await page.getByLabel('Passcode', { exact: true }).fill(code);
	await page.getByRole('button', { name: 'Unlock' }).click();
}

/**
 * A PEP of this journey's own: two tests writing one field at once would each see the other's
 * words as a change.
 */
async function openFirstPep(page: Page) {
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 150_000 });
	await openChildAndPep(page, demoCase('deviceLock'));
	await page.getByRole('link', { name: 'Social worker information' }).click();
	const editor = page.getByLabel('Social worker information');
	await expect(editor).toBeEnabled();
	return editor;
}

test('offline, the app starts, unlocks with the passcode, opens a child and keeps a draft', async ({
	page,
	context
}) => {
	test.setTimeout(300_000);
	await signIn(page, 'social-worker@example.org');
	await openFirstPep(page);
	const editorUrl = page.url();
	await page.evaluate(() => navigator.serviceWorker.ready);

	await context.setOffline(true);
	await page.goto('/');
	await unlock(page);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome,');
	await expect(page.getByTestId('sync-status')).toContainText('Offline');
	await page.goto(editorUrl);
	await unlock(page);
	const words = `Typed with no signal ${Date.now()}`;
	await page.getByLabel('Social worker information').fill(words);
	await expect(page.getByText('Saved on this device.')).toBeVisible();

	await page.reload();
	await unlock(page);
	await expect(page.getByLabel('Social worker information')).toHaveValue(words, {
		timeout: 15_000
	});
});

test('the app locks when left alone, keeping what was typed', async ({ page }) => {
	test.setTimeout(300_000);
	await signIn(page, 'social-worker@example.org');
	await openFirstPep(page);
	await setLockAfterSeconds(page, 4);
	// The setting takes effect at the next unlock, which returns to the same page.
	await page.reload();
	await unlock(page);
	const editor = page.getByLabel('Social worker information');
	await expect(editor).toBeEnabled();
	const words = `Typed just before the lock ${Date.now()}`;
	await editor.fill(words);

	await expect(page).toHaveURL(/\/unlock/, { timeout: 20_000 });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter your passcode');
	await expect(page.getByLabel('Social worker information')).toHaveCount(0);
	await expectNoAxeViolations(page);

	// Back to a long lock (read at unlock), so the check below is not itself locked out.
	await setLockAfterSeconds(page, 1800);
	await enterPasscode(page, passcode);
	await expect(page.getByLabel('Social worker information')).toHaveValue(words, {
		timeout: 15_000
	});
});

test('ten wrong passcodes remove the data on the device, with warnings before the last tries', async ({
	page
}) => {
	test.setTimeout(300_000);
	await signIn(page, 'iro@example.org');
	await page.reload();
	await expect(page).toHaveURL(/\/unlock/);

	const summary = page.locator('.govuk-error-summary');
	for (let wrong = 1; wrong <= 9; wrong++) {
		await enterPasscode(page, `wrong-${wrong}`);
		// A wrong passcode is cleared from the box once it has been checked.
		await expect(page.getByLabel('Passcode', { exact: true })).toHaveValue('');
		if (wrong < 7) {
			await expect(summary).toHaveText(/The passcode is not correct$/);
			continue;
		}
		const left = 10 - wrong;
		await expect(summary).toContainText(
			`You have ${left === 1 ? '1 more try' : `${left} more tries`}`
		);
		await expect(summary).toContainText('the data on this device will be removed');
	}
	await expectNoAxeViolations(page);
	await enterPasscode(page, 'wrong-10');

	await expect(page).toHaveURL(/\/sign-in\?removed=passcode/);
	await expect(page.getByTestId('data-removed')).toContainText(
		'The passcode was entered wrongly 10 times, so the data on this device has been removed'
	);
	await expectNoAxeViolations(page);
	const left = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
	expect(
		left.filter((name) => name?.includes('pep-record') || name?.includes('pep-drafts-'))
	).toEqual([]);

	// The right passcode is no use now: the key is gone, so signing in again sets a new one.
	await page.getByLabel('Email address', { exact: true }).fill('iro@example.org');
	await page.getByLabel('Password', { exact: true }).fill(demoPassword);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/passcode');
});

test('a device revoked by an administrator removes its data at its next contact', async ({
	page,
	baseURL
}) => {
	test.setTimeout(300_000);
	await signIn(page, 'carer@example.org');
	const deviceId = await page.evaluate(
		() => document.cookie.match(/(?:^|; )pep-device=([^;]+)/)?.[1] ?? null
	);
	expect(deviceId).not.toBeNull();

	const admin = await playwrightRequest.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL! }
	});
	expect(
		(
			await admin.post('/api/session', {
				data: { email: 'admin@example.org', password: demoPassword }
			})
		).ok()
	).toBe(true);
	const listed = (await (await admin.get('/api/admin/devices')).json()) as {
		devices: { deviceId: string }[];
	};
	expect(listed.devices.map((d) => d.deviceId)).toContain(deviceId);
	const revoked = await admin.patch(`/api/admin/devices/${deviceId}`, { data: { revoked: true } });
	expect(revoked.ok(), await revoked.text()).toBe(true);
	await admin.dispose();

	// Its next contact: the app asks who is signed in when it starts.
	await page.reload();
	await expect(page).toHaveURL(/\/sign-in\?removed=revoked/, { timeout: 30_000 });
	await expect(page.getByTestId('data-removed')).toContainText('An administrator has withdrawn');
	const left = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
	expect(
		left.filter((name) => name?.includes('pep-record') || name?.includes('pep-drafts-'))
	).toEqual([]);
});

test('removing the device’s data at sign-out asks again, saying how much would be lost', async ({
	page,
	context
}) => {
	test.setTimeout(300_000);
	await signIn(page, 'social-worker@example.org');
	const editor = await openFirstPep(page);
	await context.setOffline(true);
	await editor.fill(`Not sent yet ${Date.now()}`);
	await editor.blur();
	await expect(page.getByText('Saved.', { exact: true })).toBeVisible({ timeout: 15_000 });

	await page.getByRole('link', { name: 'Sign out' }).click();
	await expectNoAxeViolations(page);
	await page.getByRole('button', { name: "Sign out and remove this device's data" }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('1 change could not be sent', {
		timeout: 30_000
	});
	await expect(page.locator('.govuk-warning-text')).toContainText(
		"If you remove this device's data now, 1 change will be lost"
	);
	await expectNoAxeViolations(page);
	// Nothing is removed until that second answer.
	const names = async () => (await page.evaluate(() => indexedDB.databases())).map((d) => d.name);
	expect((await names()).some((name) => name?.startsWith('_pouch_pep-record-'))).toBe(true);

	await page.getByRole('button', { name: "Remove this device's data and lose 1 change" }).click();
	await expect(page).toHaveURL(/\/sign-in\?removed=signed-out/);
	await expect(page.getByTestId('data-removed')).toContainText('You have signed out');
	expect(
		(await names()).filter((name) => name?.includes('pep-record') || name?.includes('pep-drafts-'))
	).toEqual([]);
});
