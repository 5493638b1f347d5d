import { demoCase } from './support/demo-case';
import { openChildAndPep } from './support/pep-pages';
/**
 * The installable app: what Chromium needs to offer "Install" (a valid manifest, and a service
 * worker that controls the page), a service worker that never keeps the API's or the gateway's
 * answers, a Content-Security-Policy that the app itself never trips, and a new version deployed
 * while the app is open, offered with "Update now".
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { expectNoAxeViolations } from './support/axe';
import { reloadAndUnlock, signIn, unlock, visit } from './support/session';
import { chromiumArgs, findChromium } from './support/chromium';
import { launchPersistentContextAt, newContextAt } from './support/clock';
import {
	buildAgain,
	deploy,
	freePort,
	makeDeployment,
	projectBuild,
	startAppServer,
	type AppServer
} from './support/app-server';

interface Manifest {
	id: string;
	name: string;
	short_name: string;
	start_url: string;
	scope: string;
	display: string;
	theme_color: string;
	icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

/** Width and height from a PNG's header. */
function pngSize(bytes: Buffer): string {
	expect(bytes.subarray(1, 4).toString('latin1'), 'a PNG file').toBe('PNG');
	return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
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
 * From the home page to the progress overview of the first PEP, as the designated teacher: no other
 * test writes there, so tests running at the same time do not change it under this one.
 */
async function openMeetingSummary(page: Page) {
	await openChildAndPep(page, demoCase('pwa'));
	await page.getByRole('link', { name: 'Attainment and progress overview' }).click();
	const editor = page.getByLabel('Attainment and progress overview');
	await expect(editor).toBeEnabled();
	return editor;
}

test('the app is installable: a valid manifest with icons, and a service worker that answers', async ({
	baseURL
}) => {
	// A browser profile on disk: Playwright's usual contexts are private windows, where Chromium
	// never offers to install anything, so its verdict there would be only "in incognito".
	const profile = mkdtempSync(join(tmpdir(), 'pep-e2e-profile-'));
	const context = await launchPersistentContextAt(profile, {
		executablePath: findChromium(),
		args: chromiumArgs,
		baseURL
	});
	try {
		const page = context.pages()[0] ?? (await context.newPage());
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
			display: 'standalone',
			theme_color: '#f4f8fb'
		});
		await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute(
			'content',
			manifest.theme_color
		);
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

		// The service worker controls the page, and its fetch handler answers for it.
		await underServiceWorker(page);
		const reloaded = await page.reload();
		expect(reloaded?.fromServiceWorker()).toBe(true);

		// Chromium's own verdict, as DevTools' Application panel shows it.
		const cdp = await context.newCDPSession(page);
		const { errors } = await cdp.send('Page.getAppManifest');
		expect(errors).toEqual([]);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

test('the service worker never answers for the API or the gateway, online or off', async ({
	page,
	context
}) => {
	test.setTimeout(120_000);
	const answeredByServiceWorker: string[] = [];
	page.on('response', (response) => {
		const { pathname } = new URL(response.url());
		if (/^\/(api|db)(\/|$)/.test(pathname) && response.fromServiceWorker()) {
			answeredByServiceWorker.push(pathname);
		}
	});
	await signIn(page, 'designated-teacher@example.org');
	await underServiceWorker(page);
	await unlock(page);
	await expect(page.getByTestId('sync-status')).toContainText('Up to date', { timeout: 90_000 });
	await openMeetingSummary(page);
	expect(answeredByServiceWorker).toEqual([]);

	// Nothing from the API or the gateway was kept in any cache.
	const cached = await page.evaluate(async () => {
		const urls: string[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			urls.push(...(await cache.keys()).map((request) => new URL(request.url).pathname));
		}
		return urls;
	});
	expect(cached).toContain('/');
	expect(cached.filter((path) => /^\/(api|db)(\/|$)/.test(path))).toEqual([]);

	// Offline, the app shell still comes from the device, but the API and the gateway do not.
	await context.setOffline(true);
	const offline = await page.evaluate(async () => {
		const outcome = (request: Promise<Response>) =>
			request.then(
				(response) => `answered ${response.status}`,
				() => 'failed'
			);
		return {
			shell: await outcome(fetch('/')),
			session: await outcome(fetch('/api/session')),
			gateway: await outcome(fetch('/db/pep/'))
		};
	});
	expect(offline).toEqual({ shell: 'answered 200', session: 'failed', gateway: 'failed' });
	await context.setOffline(false);
});

test('nothing the app does is refused by its Content-Security-Policy', async ({ page }) => {
	test.setTimeout(90_000);
	const violations = await watchForCspViolations(page);

	const response = await page.goto('/sign-in');
	expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'sha256-");
	await signIn(page, 'designated-teacher@example.org');
	await underServiceWorker(page);
	await unlock(page);
	await openMeetingSummary(page);
	await page.goBack();
	await page.getByRole('link', { name: 'This device', exact: true }).click();
	await expect(page.getByTestId('app-version')).not.toBeEmpty();
	// And the shell as the service worker serves it, with the headers it cached.
	await reloadAndUnlock(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This device');

	expect(violations).toEqual([]);
});

/**
 * A real second version: the app is built again from the same sources (every build is a new
 * version), and deployed in place of the first on a server of this test's own while a designated
 * teacher has the app open with something typed. Nothing in the app is there for this test.
 */
test.describe('a new version deployed while the app is open', () => {
	let deployment: string;
	let newBuild: string;
	let server: AppServer | undefined;

	test.beforeAll(async () => {
		test.setTimeout(300_000);
		newBuild = await buildAgain();
		deployment = makeDeployment();
		deploy(projectBuild, deployment);
	});

	test.afterAll(async () => {
		await server?.stop();
		rmSync(deployment, { recursive: true, force: true });
		rmSync(dirname(newBuild), { recursive: true, force: true });
	});

	test('is offered, and updating to it keeps what was typed', async ({ browser }, testInfo) => {
		test.setTimeout(300_000);
		const port = await freePort();
		const dataDir = join(deployment, 'data');
		server = await startAppServer(deployment, port, dataDir);
		const context = await newContextAt(browser, { baseURL: server.url });
		const page = await context.newPage();

		await signIn(page, 'designated-teacher@example.org');
		await underServiceWorker(page);
		await unlock(page);
		await page.getByRole('link', { name: 'This device', exact: true }).click();
		await expect(page.getByTestId('app-version')).toHaveText(versionOf(projectBuild));
		await visit(page, '/');
		const editor = await openMeetingSummary(page);
		const words = `Typed before the update ${Date.now()}`;
		await editor.fill(words);
		await page.evaluate(() => {
			(window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
		});

		// The signal drops while the new version is deployed; when it comes back, the app looks.
		await context.setOffline(true);
		await server.stop();
		deploy(newBuild, deployment);
		server = await startAppServer(deployment, port, dataDir);
		await context.setOffline(false);

		const banner = page.getByRole('region', { name: 'Update available' });
		await expect(banner).toBeVisible({ timeout: 60_000 });
		await expect(banner).toContainText('A new version of Personal Education Plans is ready.');
		// Nothing reloads until the person chooses to; they carry on typing.
		await expect(editor).toBeFocused();
		await page.waitForTimeout(1_000);
		expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(true);
		await expectNoAxeViolations(page);
		await page.screenshot({ path: testInfo.outputPath('update-banner.png'), fullPage: true });
		await editor.fill(`${words}, and after it`);

		await banner.getByRole('button', { name: 'Update now' }).click();

		// The app restarts in the new version, with what was typed. (Should it not, the failure
		// shows where the service workers had got to.)
		await expect
			.poll(() => restartState(page), { timeout: 60_000 })
			.toMatchObject({ restarted: true });
		// The data key was in the old page's memory only: the new version starts locked.
		await unlock(page);
		await expect(page.getByLabel('Attainment and progress overview')).toHaveValue(
			`${words}, and after it`,
			{ timeout: 15_000 }
		);
		await expect(banner).toHaveCount(0);
		await page.getByRole('link', { name: 'This device', exact: true }).click();
		await expect(page.getByTestId('app-version')).toHaveText(versionOf(newBuild));
		expect(versionOf(newBuild)).not.toBe(versionOf(projectBuild));
		await context.close();
	});
});

/** Whether the page has restarted since `beforeUpdate` was set, and the service workers' states. */
function restartState(page: Page) {
	return page
		.evaluate(async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return {
				restarted: !('beforeUpdate' in window),
				active: registration?.active?.state,
				waiting: registration?.waiting?.state ?? null,
				controller: navigator.serviceWorker.controller?.state ?? null
			};
		})
		.catch(() => ({ restarted: false, reloading: true }));
}

/** The version a build calls itself. */
function versionOf(build: string): string {
	const file = join(build, 'client', '_app', 'version.json');
	return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Collects every Content-Security-Policy violation the page reports, from the start. */
async function watchForCspViolations(page: Page): Promise<string[]> {
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
	return violations;
}
