/**
 * Signing in to the app in a benchmark's browser as a person does on a device: the password
 * online, then the device's passcode (set the first time, entered after every load).
 */
import type { Page } from '@playwright/test';

export const benchPasscode = 'bench-passcode-2026';

/** Signs in at `origin` and sets the passcode or unlocks, leaving the app on its home screen. */
export async function signInInBrowser(
	page: Page,
	origin: string,
	email: string,
	password: string
): Promise<void> {
	await page.goto(`${origin}/sign-in`);
	await page.getByLabel('Email address', { exact: true }).fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForURL(/\/(passcode|unlock)/, { timeout: 60_000 });
	if (new URL(page.url()).pathname === '/passcode') {
		await page.getByLabel('Passcode', { exact: true }).fill(benchPasscode);
		await page.getByLabel('Confirm passcode', { exact: true }).fill(benchPasscode);
		await page.getByRole('button', { name: 'Save passcode' }).click();
	} else {
		await unlockInBrowser(page);
	}
	await page.waitForURL((url) => !/\/(sign-in|passcode|unlock)/.test(url.pathname), {
		timeout: 60_000
	});
}

/** The app starts locked after every load: enter the passcode. */
export async function unlockInBrowser(page: Page): Promise<void> {
	await page.waitForURL(/\/unlock/, { timeout: 60_000 });
	await page.getByLabel('Passcode', { exact: true }).fill(benchPasscode);
	await page.getByRole('button', { name: 'Unlock' }).click();
	await page.waitForURL((url) => !url.pathname.startsWith('/unlock'), { timeout: 60_000 });
}
