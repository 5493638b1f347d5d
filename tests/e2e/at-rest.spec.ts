import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { chromiumArgs, findChromium } from './support/chromium';
import { launchPersistentContextAt } from './support/clock';
import { signIn } from './support/session';
import { demoCase } from './support/demo-case';
import { openChildAndPep } from './support/pep-pages';

/** Every file under `dir`, as bytes: LevelDB tables and logs, blob files, anything. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		// lstat: Chromium leaves lock symlinks and sockets in a profile, which are not data.
		const entry = lstatSync(path);
		if (entry.isDirectory()) return filesUnder(path);
		return entry.isFile() ? [{ path, bytes: readFileSync(path) }] : [];
	});
}

/** The files that hold `text` as UTF-8 (or Latin-1) or as UTF-16, as Chromium may store either. */
function holding(files: { path: string; bytes: Buffer }[], text: string): string[] {
	const forms = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
	return files.filter((f) => forms.some((form) => f.bytes.includes(form))).map((f) => f.path);
}

test('nothing about a child can be read from the browser’s files on disk', async ({ baseURL }) => {
	test.setTimeout(600_000);
	const profile = mkdtempSync(join(tmpdir(), 'pep-at-rest-'));
	try {
		const context = await launchPersistentContextAt(profile, {
			executablePath: findChromium(),
			args: chromiumArgs,
			baseURL
		});
		const page = context.pages()[0] ?? (await context.newPage());
		await signIn(page, 'social-worker@example.org');
		await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 300_000 });
		const children = page.getByTestId('children').getByRole('link');
		await expect(children.first()).toBeVisible({ timeout: 30_000 });
		// The names of the children on the caseload, as the profile documents hold them.
		const names = (await children.allTextContents()).map((n) => n.trim());
		expect(names.length).toBeGreaterThan(0);

		// Words committed to the record (typed, then the field left), and words left as a draft.
		const committed = `Committed zebra crossing ${Date.now()}`;
		const drafted = `Drafted marmalade sandwich ${Date.now()}`;
		// A child of this journey's own: other browser tests edit other children's PEPs.
		await openChildAndPep(page, demoCase('atRest'));
		const pepUrl = page.url();
		await page.getByRole('link', { name: 'Social worker information' }).click();
		const editor = page.getByLabel('Social worker information');
		await expect(editor).toBeEnabled();
		await editor.fill(committed);
		await editor.blur();
		await expect(page.getByText('Saved.', { exact: true })).toBeVisible({ timeout: 15_000 });
		await page.getByRole('link', { name: 'Back to the PEP' }).click();
		await expect(page).toHaveURL(pepUrl);
		// Then more, left as a draft: the browser is closed before it is committed.
		await page.getByRole('link', { name: 'Social worker information' }).click();
		await expect(editor).toBeEnabled();
		await editor.fill(drafted);
		await expect(page.getByText('Saved on this device.')).toBeVisible();
		await page.waitForTimeout(1_000);
		await context.close();

		const indexedDb = filesUnder(join(profile, 'Default', 'IndexedDB'));
		expect(indexedDb.length).toBeGreaterThan(0);
		// The reading works: ids, which stay clear, are found in the same files.
		expect(holding(indexedDb, 'child:').length).toBeGreaterThan(0);
		// And not only the app's databases: the whole profile (history, HTTP cache, session).
		const everything = filesUnder(profile);
		for (const secret of [committed, drafted, ...names, 'is making progress']) {
			expect(holding(everything, secret), `"${secret}" is on disk in plain`).toEqual([]);
		}
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
});

test('the passcode screens are accessible', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/sign-in');
	await page.getByLabel('Email address', { exact: true }).fill('designated-teacher@example.org');
	await page.getByLabel('Password', { exact: true }).fill('demo-password-2026');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page).toHaveURL('/passcode');
	await expectNoAxeViolations(page);

	// Too short, and not the same twice: both said beside their fields and in the summary.
	await page.getByLabel('Passcode', { exact: true }).fill('123');
	await page.getByLabel('Confirm passcode', { exact: true }).fill('124');
	await page.getByRole('button', { name: 'Save passcode' }).click();
	const summary = page.locator('.govuk-error-summary');
	await expect(summary).toContainText('Passcode must be 6 characters or more');
	await expect(summary).toContainText('Passcodes do not match');
	await expectNoAxeViolations(page);
	await summary.getByRole('link', { name: /must be 6 characters/ }).click();
	await expect(page.getByLabel('Passcode', { exact: true })).toBeFocused();

	await page.getByLabel('Passcode', { exact: true }).fill('tea-and-toast');
	await page.getByLabel('Confirm passcode', { exact: true }).fill('tea-and-toast');
	await page.getByRole('button', { name: 'Save passcode' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome,');

	await page.reload();
	await expect(page).toHaveURL(/\/unlock/);
	await expectNoAxeViolations(page);
	await page.getByLabel('Passcode', { exact: true }).fill('tea-and-toast');
	await page.getByRole('button', { name: 'Unlock' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome,');

	await page.getByRole('link', { name: 'Lock settings' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(
		'How soon should the app lock'
	);
	await expect(page.getByLabel('5 minutes', { exact: true })).toBeChecked();
	await expectNoAxeViolations(page);

	await page.getByRole('link', { name: 'Sign out' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign out');
	await expectNoAxeViolations(page);
});
