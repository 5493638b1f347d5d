import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';

const viewports = {
	tablet: { width: 1024, height: 768 },
	phone: { width: 360, height: 740 }
};

/** Opens the app as a person would, and records anything the console or network complains of. */
async function openApp(page: Page): Promise<string[]> {
	const complaints: string[] = [];
	page.on('console', (message) => {
		// Chromium logs every 4xx answer to fetch as a console error, PouchDB's expected 404 too.
		const expected = message.text().includes('404 (Not Found)');
		if (message.type() === 'error' && !expected) complaints.push(`console: ${message.text()}`);
	});
	page.on('response', (response) => {
		// PouchDB asks for its replication checkpoint before it has one: a 404 it expects.
		const expected = response.status() === 404 && response.url().includes('/db/pep/_local/');
		if (response.status() >= 400 && !expected) {
			complaints.push(`HTTP ${response.status()} ${response.url()}`);
		}
	});
	await page.goto('/');
	await expect(page).toHaveURL('/sign-in');
	return complaints;
}

const emailField = (page: Page) => page.getByLabel('Email address', { exact: true });
const passwordField = (page: Page) => page.getByLabel('Password', { exact: true });
const signInButton = (page: Page) => page.getByRole('button', { name: 'Sign in' });
const errorSummary = (page: Page) => page.locator('.govuk-error-summary');

for (const [device, viewport] of Object.entries(viewports)) {
	test.describe(`on a ${device} (${viewport.width}×${viewport.height})`, () => {
		test.use({ viewport });

		test('the app opens at the sign-in page, which is accessible', async ({ page }) => {
			const complaints = await openApp(page);

			await expect(page).toHaveTitle('Sign in – Personal Education Plans');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
			await expect(page.getByRole('banner')).toContainText('Personal Education Plans');
			await expect(emailField(page)).toHaveAttribute('type', 'email');
			await expect(emailField(page)).toHaveAttribute('autocomplete', 'username');
			await expect(passwordField(page)).toHaveAttribute('type', 'password');
			await expect(passwordField(page)).toHaveAttribute('autocomplete', 'current-password');
			await expect(signInButton(page)).toBeVisible();
			await expect(errorSummary(page)).toHaveCount(0);

			await expectNoAxeViolations(page);
			expect(complaints).toEqual([]);
		});

		test('submitting an empty form shows an error summary linked to each field', async ({
			page
		}) => {
			await openApp(page);
			await signInButton(page).click();

			await expect(errorSummary(page)).toBeFocused();
			await expect(page.getByRole('alert')).toContainText('There is a problem');
			await expect(page).toHaveTitle('Error: Sign in – Personal Education Plans');
			const toEmail = errorSummary(page).getByRole('link', { name: 'Enter your email address' });
			const toPassword = errorSummary(page).getByRole('link', { name: 'Enter your password' });
			await expect(toEmail).toHaveAttribute('href', '#email');
			await expect(toPassword).toHaveAttribute('href', '#password');

			// The same messages sit beside the fields, and are read out with them.
			await expect(emailField(page)).toHaveAccessibleDescription('Error: Enter your email address');
			await expect(passwordField(page)).toHaveAccessibleDescription('Error: Enter your password');

			await expectNoAxeViolations(page);

			await toPassword.click();
			await expect(passwordField(page)).toBeFocused();
			await toEmail.click();
			await expect(emailField(page)).toBeFocused();
		});
	});
}

test('an email address in the wrong format is reported, and what was typed is kept', async ({
	page
}) => {
	await openApp(page);
	await emailField(page).fill('jamie.example.org');
	await passwordField(page).fill('correct horse battery staple');
	await signInButton(page).click();

	const message = 'Enter an email address in the correct format, like name@example.org';
	await expect(errorSummary(page).getByRole('link', { name: message })).toBeVisible();
	await expect(emailField(page)).toHaveAccessibleDescription(`Error: ${message}`);
	await expect(errorSummary(page)).not.toContainText('Enter your password');
	await expect(emailField(page)).toHaveValue('jamie.example.org');
	await expect(passwordField(page)).toHaveValue('correct horse battery staple');
});

test('the password can be shown to check it, and is hidden again on submit', async ({ page }) => {
	await openApp(page);
	await passwordField(page).fill('secret');
	await page.getByRole('button', { name: 'Show password' }).click();
	await expect(passwordField(page)).toHaveAttribute('type', 'text');
	await expect(page.getByRole('button', { name: 'Hide password' })).toBeVisible();

	await signInButton(page).click();
	await expect(passwordField(page)).toHaveAttribute('type', 'password');
	await expect(passwordField(page)).toHaveValue('secret');
});

test('the skip link is the first thing to tab to, and moves focus to the main content', async ({
	page
}) => {
	await openApp(page);
	await page.keyboard.press('Tab');
	const skipLink = page.getByRole('link', { name: 'Skip to main content' });
	await expect(skipLink).toBeFocused();
	await expect(skipLink).toBeInViewport();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('main')).toBeFocused();
});

// The server's answers are stubbed here: these check what the person is told, not the API.
test('a wrong email address or password is reported in plain English', async ({ page }) => {
	await page.route('/api/session', (route) =>
		route.fulfill({ status: 401, json: { message: 'Email address or password not recognised' } })
	);
	await openApp(page);
	await emailField(page).fill('jamie@example.org');
	await passwordField(page).fill('wrong');
	await signInButton(page).click();

	await expect(errorSummary(page)).toBeFocused();
	await expect(errorSummary(page)).toContainText('Enter a correct email address and password');
	await expect(emailField(page)).toHaveValue('jamie@example.org');
	await expect(passwordField(page)).toHaveValue('wrong');
});

test('with no connection, the person is told they are offline', async ({ page, context }) => {
	await openApp(page);
	await emailField(page).fill('jamie@example.org');
	await passwordField(page).fill('secret');
	await context.setOffline(true);
	await signInButton(page).click();

	await expect(errorSummary(page)).toContainText(
		'You are offline. Connect to the internet to sign in for the first time on this device.'
	);
});

test('a demo social worker signs in, sees their home page, and signs out', async ({ page }) => {
	const complaints = await openApp(page);
	await emailField(page).fill('social-worker@example.org');
	await passwordField(page).fill('demo-password-2026');
	await signInButton(page).click();

	// The first time on this device, a passcode is created for it.
	await expect(page).toHaveURL('/passcode');
	await page.getByLabel('Passcode', { exact: true }).fill('kettle-2026');
	await page.getByLabel('Confirm passcode', { exact: true }).fill('kettle-2026');
	await page.getByRole('button', { name: 'Save passcode' }).click();

	await expect(page).toHaveURL('/');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome,');
	await expect(page.getByText('You are signed in as a social worker.')).toBeVisible();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Sign out' }).click();
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(page).toHaveURL('/sign-in');
	await page.goto('/');
	await expect(page).toHaveURL('/sign-in');
	expect(complaints).toEqual([]);
});

test('a wrong password is refused with the same words as an unknown email', async ({ page }) => {
	await openApp(page);
	await emailField(page).fill('designated-teacher@example.org');
	await passwordField(page).fill('not-the-password');
	await signInButton(page).click();
	await expect(errorSummary(page)).toContainText('Enter a correct email address and password');

	await emailField(page).fill('nobody-here@example.org');
	await signInButton(page).click();
	await expect(errorSummary(page)).toContainText('Enter a correct email address and password');
	await expect(emailField(page)).toHaveValue('nobody-here@example.org');
});

test('signing out during a first sync cuts off its downloads before the session ends', async ({
	page
}) => {
	const complaints = await openApp(page);
	// Batches of documents, single documents and files: hold them, so some are still under way
	// when the person signs out. A batch request cut off makes PouchDB ask for each of its
	// documents on its own, and those must not reach the server either.
	const held: string[] = [];
	const isDocumentRead = (path: string) =>
		path === '/db/pep/_bulk_get' || /^\/db\/pep\/[^_/][^/]*(\/.*)?$/.test(path);
	await page.context().route(
		(url) => isDocumentRead(url.pathname),
		async (route) => {
			held.push(route.request().url());
			await new Promise((wake) => setTimeout(wake, 3_000));
			// Cut off meanwhile: there is nothing left to answer.
			await route.continue().catch(() => undefined);
		}
	);
	await emailField(page).fill('social-worker@example.org');
	await passwordField(page).fill('demo-password-2026');
	await signInButton(page).click();
	await page.getByLabel('Passcode', { exact: true }).fill('kettle-2026');
	await page.getByLabel('Confirm passcode', { exact: true }).fill('kettle-2026');
	await page.getByRole('button', { name: 'Save passcode' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome,');
	await expect.poll(() => held.length, { timeout: 60_000 }).toBeGreaterThan(0);

	await page.getByRole('link', { name: 'Sign out' }).click();
	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(page).toHaveURL('/sign-in');
	// Long enough for every held download to have gone on to the server, had it not been cut off.
	await page.waitForTimeout(4_000);
	expect(complaints).toEqual([]);
});
