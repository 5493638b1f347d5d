/**
 * Signing in as a person does on a device: the password online, then the device's passcode
 * (created the first time, entered after that).
 */
import { expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { newContextAt } from './clock';

export const demoPassword = 'demo-password-2026';
export const passcode = 'kettle-2026';

/**
 * Signs in, and sets the lock to 30 minutes (as anyone may in Lock settings), so that a long
 * first sync on a busy machine does not lock the app in the middle of a test.
 */
export async function signIn(page: Page, email: string, code = passcode): Promise<void> {
	await page.goto('/sign-in');
	await page.getByLabel('Email address', { exact: true }).fill(email);
	await page.getByLabel('Password', { exact: true }).fill(demoPassword);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL(/\/(passcode|unlock)/, { timeout: 30_000 });
	if (new URL(page.url()).pathname === '/passcode') {
		await page.getByLabel('Passcode', { exact: true }).fill(code);
		await page.getByLabel('Confirm passcode', { exact: true }).fill(code);
		await page.getByRole('button', { name: 'Save passcode' }).click();
	} else {
		await unlock(page, code);
	}
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome,', {
		timeout: 30_000
	});
	await page.getByRole('link', { name: 'Lock settings' }).click();
	await page.getByLabel('30 minutes', { exact: true }).check();
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome,');
}

/** The app starts locked after every load: enter the passcode, and it returns where it was. */
export async function unlock(page: Page, code = passcode): Promise<void> {
	await expect(page).toHaveURL(/\/unlock/, { timeout: 30_000 });
	await page.getByLabel('Passcode', { exact: true }).fill(code);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page).not.toHaveURL(/\/unlock/, { timeout: 30_000 });
}

/** Opens a page by its address: a fresh load of the app, so it starts locked. */
export async function visit(page: Page, url: string, code = passcode): Promise<void> {
	await page.goto(url);
	await unlock(page, code);
}

/** Reloads the page: the app starts locked again, so unlock it. */
export async function reloadAndUnlock(page: Page, code = passcode): Promise<void> {
	await page.reload();
	await unlock(page, code);
}

/** Waits for a first sync, which brings all this person may see: slow on a busy machine. */
export async function untilUpToDate(page: Page, timeout = 240_000): Promise<void> {
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout });
}

export const tablet = { width: 1024, height: 768 };
export const phone = { width: 360, height: 740 };

/**
 * A browser context of its own for one person (its clock on testDay), signed in and unlocked,
 * with their first sync finished.
 */
export async function signedInPage(
	browser: Browser,
	email: string,
	viewport: { width: number; height: number } = tablet
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await newContextAt(browser, { viewport });
	const page = await context.newPage();
	await signIn(page, email);
	await untilUpToDate(page);
	return { context, page };
}

/**
 * Waits until everything typed on the page is on the device's disk: the save status is no
 * longer busy, and says it is saved (on the device, or already in the record).
 */
export async function untilKeptOnDevice(page: Page): Promise<void> {
	const status = page.getByTestId('save-status');
	await expect(status).toHaveAttribute('aria-busy', 'false');
	await expect(status).toHaveText(/^(Saved on this device|Saved)\.$/);
}
