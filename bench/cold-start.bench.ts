/**
 * Offline cold start: a social worker who signed in online yesterday opens the app in a school
 * with no Wi-Fi. Headless Chromium with its CPU slowed four times (a modest tablet), a browser
 * profile on disk, and for each run a browser started afresh with no network. The app starts
 * locked (the device's data key is only ever in memory), so the time is in two parts: from
 * opening `/` until the passcode screen is ready, and from pressing Unlock until the home screen
 * shows its heading and the children on the device; the person's typing is not counted.
 * Target: median of 5 ≤ 1.5 s for the two together.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import { expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../tests/e2e/support/chromium';
import { demoPassword, startServer } from '../tests/integration/support/server';
import { benchPasscode, signInInBrowser } from './support/browser-session';
import {
	max,
	median,
	min,
	ms,
	print,
	sectionHead,
	table,
	verdict,
	writeSection
} from './support/report';

const runs = 5;
const cpuSlowdown = 4;
const targetMs = 1_500;

const launch = (profile: string) =>
	chromium.launchPersistentContext(profile, {
		executablePath: findChromium(),
		args: chromiumArgs
	});

it('measures the offline cold start to the home screen', async () => {
	const app = await startServer();
	const profile = mkdtempSync(join(tmpdir(), 'pep-bench-profile-'));
	let context: BrowserContext | undefined;
	try {
		// Once, online: sign in, let the caseload sync, and let the service worker take over.
		context = await launch(profile);
		const page = context.pages()[0] ?? (await context.newPage());
		await signInInBrowser(page, app.url, 'social-worker@example.org', demoPassword);
		await page.getByTestId('children').getByRole('link').first().waitFor({ timeout: 120_000 });
		await page.getByTestId('sync-status').getByText('Up to date').waitFor({ timeout: 180_000 });
		await page.evaluate(() => navigator.serviceWorker.ready);
		const children = await page.getByTestId('children').getByRole('link').count();
		await context.close();
		context = undefined;

		const slowed = await coldStarts(profile, app.url, cpuSlowdown);
		// For comparison: the same machine at full speed.
		const fullSpeed = await coldStarts(profile, app.url, 1);
		const timings = slowed.map((t) => t.toLock + t.unlockToHome);
		expect(timings).toHaveLength(runs);

		const mid = median(timings);
		const section = [
			sectionHead('Offline cold start'),
			'',
			`Headless Chromium (Debian's) with its CPU slowed ${cpuSlowdown}× (CDP \`Emulation.setCPUThrottlingRate\`), against the production build. The demo social worker signs in once, online, in a browser profile kept on disk, sets the device's passcode, and waits until their caseload (${children} children) has synced and the service worker is installed; the browser is closed. Then ${runs} times: the browser is started afresh on that profile with the network off (\`context.setOffline(true)\`) and opens \`/\`. The app starts locked, as it always does after a load (the data key that decrypts the device's records is only ever in memory). Two times are taken in the page's own clock (\`performance.now()\`) and added together: from the start of the navigation to the first frame in which the passcode screen is ready (its heading, and the person's name read from the device); and from pressing Unlock (the form's submit event) to the first frame in which the home screen shows its heading ("Welcome, …") and the list of children, decrypted from the device's own database. The time the person takes to type the passcode is not counted. The service worker serves the app shell and its files from its cache.`,
			'',
			table(
				['runs', 'median', 'min', 'max', 'each (ms)', 'target', ''],
				[
					[
						runs,
						ms(mid),
						ms(min(timings)),
						ms(max(timings)),
						timings.map((t) => t.toFixed(0)).join(', '),
						`median ≤ ${ms(targetMs)}`,
						verdict(mid <= targetMs)
					]
				]
			),
			'',
			`Where the time goes (medians, CPU slowed ${cpuSlowdown}×): the shell page had arrived from the service worker at ${ms(median(slowed.map((t) => t.shell)))}, and was parsed (its stylesheet too) at ${ms(median(slowed.map((t) => t.parsed)))}; the passcode screen was ready at ${ms(median(slowed.map((t) => t.toLock)))} (loading the gate screens' scripts from the service worker's cache and starting the app; the record's code, PouchDB and the home screen's code only start loading once the passcode screen is shown). From Unlock to the home screen took ${ms(median(slowed.map((t) => t.unlockToHome)))}: deriving the key from the passcode (PBKDF2, 600,000 iterations), unwrapping the data key, finishing loading whatever of that code the typing left unloaded, opening the device's database and decrypting the children. ${startSteps(slowed)} ${unlockSteps(slowed)} The same ${runs} runs at full speed, for comparison: median ${ms(median(fullSpeed.map((t) => t.toLock + t.unlockToHome)))} (${fullSpeed.map((t) => (t.toLock + t.unlockToHome).toFixed(0)).join(', ')} ms). Other people's processes shared the machine's 2 cores during the run: see the load average above.`
		].join('\n');
		print(section);
		writeSection('cold-start', section);
	} finally {
		await context?.close();
		await app.stop();
		rmSync(profile, { recursive: true, force: true });
	}
});

interface ColdStart {
	/** From the start of the navigation to the passcode screen ready, in ms. */
	toLock: number;
	/** From pressing Unlock to the home screen with its children, in ms. */
	unlockToHome: number;
	/** The shell page's last byte, from the service worker. */
	shell: number;
	/** The shell page parsed (DOMContentLoaded handled). */
	parsed: number;
	/** The app's own marks during the unlock (`src/lib/client/timing.ts`), in ms after Unlock. */
	marks: Record<string, number>;
	/** Its marks while starting, in ms from the start of the navigation. */
	startMarks: Record<string, number>;
}

/** `runs` cold starts, each in a freshly started browser on `profile`, with no network. */
async function coldStarts(profile: string, url: string, cpuRate: number): Promise<ColdStart[]> {
	const results: ColdStart[] = [];
	for (let run = 0; run < runs; run += 1) {
		const context = await launch(profile);
		try {
			await context.setOffline(true);
			const tab = context.pages()[0] ?? (await context.newPage());
			const cdp = await context.newCDPSession(tab);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
			await tab.goto(`${url}/`, { waitUntil: 'commit' });
			// Measured in the page's own clock, from the start of the navigation.
			const lockReady = await tab.waitForFunction(
				() => {
					const heading = document.querySelector('h1')?.textContent ?? '';
					const named = document.querySelector('main')?.textContent?.includes('The app is locked.');
					if (heading !== 'Enter your passcode' || !named) return false;
					const navigation = performance.getEntriesByType('navigation')[0] as
						PerformanceNavigationTiming | undefined;
					document.addEventListener(
						'submit',
						() => ((window as unknown as { unlockAt: number }).unlockAt = performance.now()),
						{ capture: true, once: true }
					);
					const startMarks = Object.fromEntries(
						performance
							.getEntriesByType('mark')
							.filter((m) => m.name.startsWith('pep:start'))
							.map((m) => [m.name, m.startTime])
					);
					return {
						toLock: performance.now(),
						shell: navigation?.responseEnd ?? NaN,
						parsed: navigation?.domContentLoadedEventEnd ?? NaN,
						startMarks
					};
				},
				null,
				{ polling: 'raf', timeout: 60_000 }
			);
			const atLock = (await lockReady.jsonValue()) as Omit<ColdStart, 'unlockToHome' | 'marks'>;
			await tab.getByLabel('Passcode', { exact: true }).fill(benchPasscode);
			await tab.getByRole('button', { name: 'Unlock' }).click();
			const home = await tab.waitForFunction(
				() => {
					const heading = document.querySelector('h1')?.textContent ?? '';
					const child = document.querySelector('[data-testid="children"] a');
					if (!heading.startsWith('Welcome,') || child === null) return false;
					const unlockAt = (window as unknown as { unlockAt: number }).unlockAt;
					const marks = Object.fromEntries(
						performance
							.getEntriesByType('mark')
							.filter((m) => m.name.startsWith('pep:') && m.startTime >= unlockAt)
							.map((m) => [m.name, m.startTime - unlockAt])
					);
					return { unlockToHome: performance.now() - unlockAt, marks };
				},
				null,
				{ polling: 'raf', timeout: 60_000 }
			);
			const atHome = (await home.jsonValue()) as Pick<ColdStart, 'unlockToHome' | 'marks'>;
			results.push({ ...atLock, ...atHome });
		} finally {
			await context.close();
		}
	}
	return results;
}

/** The app's marks during the unlock, as medians after pressing Unlock, in words. */
function unlockSteps(starts: ColdStart[]): string {
	const steps: [string, string][] = [
		['pep:unlock:key', 'the key derived and the data key unwrapped'],
		['pep:unlock:code-wait', 'the record’s code ready'],
		['pep:unlock:record-open', 'the record open and the app unlocked'],
		['pep:home:ids', 'the ids of the caseload listed'],
		['pep:home:read', 'the caseload read and decrypted']
	];
	const at = steps.flatMap(([name, words]) => {
		const times = starts.map((s) => s.marks[name]).filter((t): t is number => t !== undefined);
		return times.length ? [`${words} at ${ms(median(times))}`] : [];
	});
	return at.length ? `By the app's own marks (medians after Unlock): ${at.join('; ')}.` : '';
}

/** The app's marks while starting, as medians from the start of the navigation, in words. */
function startSteps(starts: ColdStart[]): string {
	const steps: [string, string][] = [
		['pep:start', 'the app’s code running'],
		['pep:start:device-key', 'this device’s wrapped key found']
	];
	const at = steps.flatMap(([name, words]) => {
		const times = starts.map((s) => s.startMarks[name]).filter((t): t is number => t !== undefined);
		return times.length ? [`${words} at ${ms(median(times))}`] : [];
	});
	return at.length ? `Before the passcode screen, by the app's marks: ${at.join('; ')}.` : '';
}
