/**
 * The installable app: what Chromium needs to offer "Install" (a valid manifest, and a service
 * worker that controls the page), a Content-Security-Policy that the app itself never trips, and
 * the "Update now" banner when a new version is waiting.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';

const password = 'demo-password-2026';

interface Manifest {
	id: string;
	name: string;
	short_name: string;
	start_url: string;
	scope: string;
	display: string;
	icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

/** Width and height from a PNG's header. */
function pngSize(bytes: Buffer): string {
	expect(bytes.subarray(1, 4).toString('latin1'), 'a PNG file').toBe('PNG');
	return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

async function signIn(page: Page, email: string) {
	await page.goto('/sign-in');
	await page.getByLabel('Email address', { exact: true }).fill(email);
	await page.getByLabel('Password', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome,');
}

/** The script of the service worker controlling the page; null while the page is reloading. */
function controllingScript(page: Page): Promise<string | null> {
	return page
		.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? null)
		.catch(() => null);
}

/** Waits for the service worker to activate, then reloads so that it controls the page. */
async function underServiceWorker(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.reload();
	await expect.poll(() => controllingScript(page)).toMatch(/\/service-worker\.js$/);
}

/**
 * From the home page to the summary of the first PEP meeting, as the designated teacher: no other
 * test writes there, so tests running at the same time do not change it under this one.
 */
async function openMeetingSummary(page: Page) {
	const child = page.getByTestId('children').getByRole('link').first();
	await expect(child).toBeVisible({ timeout: 60_000 });
	await child.click();
	await page.getByTestId('peps').getByRole('link').first().click();
	await page.getByRole('link', { name: 'Change summary of the PEP meeting' }).click();
	const editor = page.getByLabel('Summary of the PEP meeting');
	await expect(editor).toBeEnabled();
	return editor;
}

test('the app is installable: a valid manifest with icons, and a controlling service worker', async ({
	page
}) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBe('/manifest.webmanifest');

	const response = await page.request.get(href!);
	expect(response.headers()['content-type']).toContain('application/manifest+json');
	const manifest = (await response.json()) as Manifest;
	expect(manifest).toMatchObject({
		id: '/',
		name: 'Personal Education Plans',
		short_name: 'PEPs',
		start_url: '/',
		scope: '/',
		display: 'standalone'
	});
	const icons = await Promise.all(
		manifest.icons.map(async (icon) => {
			const image = await page.request.get(icon.src);
			expect(image.ok(), `${icon.src} loads`).toBe(true);
			expect(image.headers()['content-type']).toBe(icon.type);
			expect(pngSize(await image.body()), `${icon.src} is ${icon.sizes}`).toBe(icon.sizes);
			return `${icon.sizes} ${icon.purpose ?? 'any'}`;
		})
	);
	expect(icons).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);

	const appleHref = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
	const appleIcon = await page.request.get(appleHref!);
	expect(pngSize(await appleIcon.body())).toBe('180x180');

	await underServiceWorker(page);

	// Chromium's own verdict, as DevTools' Application panel shows it.
	const cdp = await page.context().newCDPSession(page);
	const { errors } = await cdp.send('Page.getAppManifest');
	expect(errors).toEqual([]);
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	// Playwright's browser contexts are private windows, where Chromium never offers to install.
	expect(installabilityErrors.filter((error) => error.errorId !== 'in-incognito')).toEqual([]);
});

test('nothing the app does is refused by its Content-Security-Policy', async ({ page }) => {
	test.setTimeout(90_000);
	const violations: string[] = [];
	await page.exposeFunction('reportCspViolation', (violation: string) =>
		violations.push(violation)
	);
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			const report = (window as unknown as { reportCspViolation(v: string): void })
				.reportCspViolation;
			report(`${event.effectiveDirective} refused ${event.blockedURI} (${event.sourceFile})`);
		});
	});
	page.on('console', (message) => {
		if (message.text().includes('Content Security Policy')) violations.push(message.text());
	});

	const response = await page.goto('/sign-in');
	expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'sha256-");
	await signIn(page, 'designated-teacher@example.org');
	await underServiceWorker(page);
	await openMeetingSummary(page);
	await page.goBack();
	// And the shell as the service worker serves it, with the headers it cached.
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personal Education Plan');

	expect(violations).toEqual([]);
});

// A real second version, not a simulation: registering the same service worker under another
// URL makes the browser install it as an update of the app's registration, and it waits, as a
// new deployment's would. workbox-window reports it (as an update found by the browser rather
// than by its own registration, which is how most real updates arrive too), and the banner
// appears. Nothing in the app is there only for this test.
test('a waiting new version is offered, and updating keeps what was typed', async ({
	page
}, testInfo) => {
	test.setTimeout(90_000);
	await signIn(page, 'designated-teacher@example.org');
	await underServiceWorker(page);
	const editor = await openMeetingSummary(page);
	const words = `Typed just before the update ${Date.now()}`;
	await editor.fill(words);
	await page.evaluate(() => {
		(window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
	});

	await page.evaluate(async () => {
		await navigator.serviceWorker.register('/service-worker.js?second-version');
	});
	const banner = page.getByRole('region', { name: 'Update available' });
	await expect(banner).toBeVisible({ timeout: 30_000 });
	await expect(banner).toContainText('A new version of Personal Education Plans is ready.');
	await expect(page.getByRole('status').filter({ has: banner })).toBeAttached();
	// The person keeps typing where they were; nothing reloads until they choose to.
	await expect(editor).toBeFocused();
	await page.waitForTimeout(1_000);
	expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(true);
	await expectNoAxeViolations(page);
	await page.screenshot({ path: testInfo.outputPath('update-banner.png'), fullPage: true });

	await editor.fill(`${words}, and after it`);
	await banner.getByRole('button', { name: 'Update now' }).click();

	// The new version takes over and the app restarts in it, with what was typed.
	await expect
		.poll(() => controllingScript(page), { timeout: 30_000 })
		.toMatch(/\?second-version$/);
	await expect(page.getByLabel('Summary of the PEP meeting')).toHaveValue(
		`${words}, and after it`,
		{
			timeout: 15_000
		}
	);
	expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(false);
});
