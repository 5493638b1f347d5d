/**
 * The device screen: how much space the app's data takes, whether the browser keeps it safe, a
 * warning before space runs out, and the app's version, on a tablet and on a phone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { signIn } from './support/session';

const viewports = {
	tablet: { width: 1024, height: 768 },
	phone: { width: 360, height: 740 }
};

async function openDeviceScreen(page: Page) {
	await signIn(page, 'carer@example.org');
	await page.getByRole('contentinfo').getByRole('link', { name: 'This device' }).click();
	await expect(page).toHaveTitle('This device – Personal Education Plans');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This device');
}

/** What the browser reports, the same answer as a device with this little space left would give. */
async function pretendStorage(page: Page, usage: number, quota: number) {
	await page.addInitScript(
		([usage, quota]) => {
			navigator.storage.estimate = async () => ({ usage, quota });
		},
		[usage, quota]
	);
}

const builtVersion = (
	JSON.parse(readFileSync('build/client/_app/version.json', 'utf8')) as { version: string }
).version;

for (const [device, viewport] of Object.entries(viewports)) {
	test(`on a ${device} (${viewport.width}×${viewport.height}), the device screen says how much space the app uses, and is accessible`, async ({
		page
	}) => {
		test.setTimeout(90_000);
		await page.setViewportSize(viewport);
		await openDeviceScreen(page);

		const storage = page.getByTestId('storage');
		await expect(storage.getByRole('term').nth(0)).toHaveText('Space used');
		await expect(storage.getByRole('definition').nth(0)).toHaveText(
			/^\d[\d.]* (bytes|KB|MB|GB) of \d[\d.]* (KB|MB|GB|TB) \(\d+%\)$/
		);
		await expect(storage.getByRole('definition').nth(1)).toHaveText(/^\d[\d.]* (KB|MB|GB|TB)$/);
		await expect(page.getByTestId('persistence')).toHaveText(/^(Yes|No)\. /);
		await expect(page.getByTestId('storage-warning')).toHaveCount(0);
		await expect(page.getByTestId('app-version')).toHaveText(builtVersion);
		await expectNoAxeViolations(page);
	});
}

test('the device screen warns before the space runs out', async ({ page }) => {
	test.setTimeout(90_000);
	await pretendStorage(page, 850_000_000, 1_000_000_000);
	await openDeviceScreen(page);

	await expect(page.getByTestId('storage').getByRole('definition').nth(0)).toHaveText(
		'850 MB of 1 GB (85%)'
	);
	await expect(page.getByTestId('storage-warning')).toContainText(
		'Warning This device is running out of space for the app.'
	);
	await expectNoAxeViolations(page);
});
