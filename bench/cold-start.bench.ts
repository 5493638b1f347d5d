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
import { chromium, type BrowserContext, type CDPSession } from '@playwright/test';
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
		// Open a moment longer, as anyone's working session is: the home screen's sealed copy for
		// the next unlock is kept two seconds after the caseload last changed.
		await page.waitForTimeout(3_000);
		const children = await page.getByTestId('children').getByRole('link').count();
		await context.close();
		context = undefined;

		const slowed = await coldStarts(profile, app.url, cpuSlowdown, 'person');
		// For comparison: the passcode in at once, so unlocking waits for what typing would hide;
		// and the same machine at full speed.
		const instant = await coldStarts(profile, app.url, cpuSlowdown, 'instant');
		const fullSpeed = await coldStarts(profile, app.url, 1, 'person');
		const total = (starts: ColdStart[]) => starts.map((t) => t.toLock + t.unlockToHome);
		const timings = total(slowed);
		expect(timings).toHaveLength(runs);

		const row = (what: string, starts: ColdStart[], target: boolean) => {
			const times = total(starts);
			return [
				what,
				runs,
				ms(median(times)),
				ms(median(starts.map((t) => t.toLock))),
				ms(median(starts.map((t) => t.unlockToHome))),
				ms(min(times)),
				ms(max(times)),
				times.map((t) => t.toFixed(0)).join(', '),
				target ? `median ≤ ${ms(targetMs)}` : '(for comparison)',
				target ? verdict(median(times) <= targetMs) : ''
			];
		};
		const section = [
			sectionHead('Offline cold start'),
			'',
			`Headless Chromium (Debian's) with its CPU slowed ${cpuSlowdown}× (CDP \`Emulation.setCPUThrottlingRate\`), against the production build. The demo social worker signs in once, online, in a browser profile kept on disk, sets the device's passcode, and waits until their caseload (${children} children) has synced and the service worker is installed, and keeps the app open three seconds more (the home screen's sealed copy for the next unlock is kept two seconds after the caseload last changes); the browser is closed. Then ${runs} times: the browser is started afresh on that profile with the network off (\`context.setOffline(true)\`) and opens \`/\`. The app starts locked, as it always does after a load (the data key that decrypts the device's records is only ever in memory). Two times are taken in the page's own clock (\`performance.now()\`), by a small script of the benchmark's that the page runs from its first moment and that looks at every frame, and added together: from the start of the navigation to the first frame in which the passcode screen is ready (its heading, and the person's name read from the device); and from pressing Unlock (the form's submit event) to the first frame in which the home screen shows its heading ("Welcome, …") and the list of children, decrypted from the device's own database.`,
			'',
			`The time the person takes to type the passcode is not counted. It is typed a key at a time, ${keyDelayMs} ms apart (${ms(benchPasscode.length * keyDelayMs)} for the benchmark's ${benchPasscode.length}-character passcode: brisk for a tablet's screen keyboard), because the app uses that time: once the passcode screen is drawn it loads the record's code and PouchDB and opens the device's database. For comparison, the same starts with the passcode filled in at once, which no person can do, so that unlocking waits for all of that too. Until the passcode screen is ready, the benchmark only asks the page, over the DevTools protocol, whether the script has seen it: Playwright's own waiting would first parse Playwright's injected script on the page's main thread (about 190 ms with the CPU slowed, found in a trace), which no real start pays. The service worker serves the app shell and its files from its cache.`,
			'',
			table(
				[
					'',
					'runs',
					'median',
					'to the passcode screen',
					'Unlock to home',
					'min',
					'max',
					'each (ms)',
					'target',
					''
				],
				[
					row(`CPU slowed ${cpuSlowdown}×, passcode typed`, slowed, true),
					row(`CPU slowed ${cpuSlowdown}×, passcode filled in at once`, instant, false),
					row('full speed, passcode typed', fullSpeed, false)
				]
			),
			'',
			`Where the time goes (medians, CPU slowed ${cpuSlowdown}×): the shell page had arrived from the service worker at ${ms(median(slowed.map((t) => t.shell)))}, and was parsed (its stylesheet too) at ${ms(median(slowed.map((t) => t.parsed)))}; the passcode screen was ready at ${ms(median(slowed.map((t) => t.toLock)))} (loading the gate screens' scripts from the service worker's cache and starting the app; the record's code, PouchDB and the home screen's code only start loading once the passcode screen is shown). From Unlock to the home screen took ${ms(median(slowed.map((t) => t.unlockToHome)))}: deriving the key from the passcode (PBKDF2, 600,000 iterations), unwrapping the data key, finishing loading whatever of that code the typing left unloaded, opening the device's database, opening the sealed copy of the home screen's documents kept at the last unlock (one seal) and catching up with what changed since. ${startSteps(slowed)} ${unlockSteps(slowed)} With the passcode filled in at once, ${unlockSteps(instant).replace(/^By/, 'by')} Other people's processes shared the machine's 2 cores during the run: see the load average above.`
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

/**
 * How the passcode goes in: typed a key at a time, as a person does (the app loads what
 * unlocking needs meanwhile), or filled in at once, as nobody can.
 */
type Typing = 'person' | 'instant';

/** Between one key and the next: brisk for a passcode on a tablet's screen keyboard. */
const keyDelayMs = 100;

/** `runs` cold starts, each in a freshly started browser on `profile`, with no network. */
async function coldStarts(
	profile: string,
	url: string,
	cpuRate: number,
	typing: Typing
): Promise<ColdStart[]> {
	const results: ColdStart[] = [];
	for (let run = 0; run < runs; run += 1) {
		const context = await launch(profile);
		try {
			await context.setOffline(true);
			await context.addInitScript(watchStart);
			const tab = context.pages()[0] ?? (await context.newPage());
			const cdp = await context.newCDPSession(tab);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
			// The page records its own times (`watchStart`, an init script): waiting with Playwright's
			// own polling would parse its injected script on the page's main thread, which costs
			// about 190 ms with the CPU slowed, in the middle of the start being measured.
			await tab.goto(`${url}/`, { waitUntil: 'commit' });
			const atLock = await pageValue<Omit<ColdStart, 'unlockToHome' | 'marks'>>(
				cdp,
				'pepLockReady'
			);
			const field = tab.getByLabel('Passcode', { exact: true });
			if (typing === 'person') await field.pressSequentially(benchPasscode, { delay: keyDelayMs });
			else await field.fill(benchPasscode);
			await tab.getByRole('button', { name: 'Unlock' }).click();
			const atHome = await pageValue<Pick<ColdStart, 'unlockToHome' | 'marks'>>(
				cdp,
				'pepHomeReady'
			);
			results.push({ ...atLock, ...atHome });
		} finally {
			await context.close();
		}
	}
	return results;
}

/**
 * Runs in the page from its first moment: on every frame, until the home screen is ready, it
 * looks for the passcode screen and then the home screen, and keeps the times it first sees them
 * on `window`, with the navigation's timings and the app's marks.
 */
function watchStart() {
	const page = window as unknown as Record<string, unknown>;
	let unlockAt = 0;
	const marks = (from: number, prefix: string) =>
		Object.fromEntries(
			performance
				.getEntriesByType('mark')
				.filter((m) => m.name.startsWith(prefix) && m.startTime >= from)
				.map((m) => [m.name, m.startTime - from])
		);
	const check = () => {
		const heading = document.querySelector('h1')?.textContent ?? '';
		if (!page.pepLockReady) {
			const named = document.querySelector('main')?.textContent?.includes('The app is locked.');
			if (heading === 'Enter your passcode' && named) {
				const navigation = performance.getEntriesByType('navigation')[0] as
					PerformanceNavigationTiming | undefined;
				document.addEventListener('submit', () => (unlockAt = performance.now()), {
					capture: true,
					once: true
				});
				page.pepLockReady = {
					toLock: performance.now(),
					shell: navigation?.responseEnd ?? NaN,
					parsed: navigation?.domContentLoadedEventEnd ?? NaN,
					startMarks: marks(0, 'pep:start')
				};
			}
		} else if (unlockAt && heading.startsWith('Welcome,')) {
			if (document.querySelector('[data-testid="children"] a')) {
				page.pepHomeReady = {
					unlockToHome: performance.now() - unlockAt,
					marks: marks(unlockAt, 'pep:')
				};
				return;
			}
		}
		requestAnimationFrame(check);
	};
	requestAnimationFrame(check);
}

/** Waits for the page to set `window[name]` (see `watchStart`), asking over CDP: nothing is injected. */
async function pageValue<T>(cdp: CDPSession, name: string): Promise<T> {
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		// Asked while the page is still being created, the evaluation may fail: ask again.
		const answer = (await cdp
			.send('Runtime.evaluate', { expression: `window.${name} ?? null`, returnByValue: true })
			.catch(() => null)) as { result: { value: T | null } } | null;
		if (answer?.result.value) return answer.result.value;
		await new Promise((wake) => setTimeout(wake, 50));
	}
	throw new Error(`The page did not reach ${name} within a minute`);
}

/** The app's marks during the unlock, as medians after pressing Unlock, in words. */
function unlockSteps(starts: ColdStart[]): string {
	const steps: [string, string][] = [
		['pep:unlock:key', 'the key derived and the data key unwrapped'],
		['pep:unlock:code-wait', 'the record’s code ready'],
		['pep:unlock:record-open', 'the record open and the app unlocked'],
		['pep:home:ids', 'the ids of the caseload listed'],
		['pep:home:kept', 'the sealed copy of the home screen’s documents opened'],
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
