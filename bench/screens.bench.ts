/**
 * The screens a Virtual School officer uses most, with a whole authority on the device: 1,000
 * children. Their first sync runs through the real gateway; then, in Chromium with the CPU slowed
 * four times (a modest tablet), we time the home screen from a link to the caseload table
 * shown, filtering the table as a name is typed, and opening a PEP part from the task list.
 * Targets (issue 4): home ready ≤ 1 s, a filter ≤ 100 ms, a part open ≤ 300 ms; medians of 5.
 */
import { chromium, type Page } from '@playwright/test';
import { afterAll, expect, it } from 'vitest';
import { generateAuthority } from '$lib/domain/fixtures/generator';
import { chromiumArgs, findChromium } from '../tests/e2e/support/chromium';
import { median, ms, print, sectionHead, table, verdict, writeSection } from './support/report';
import { signInInBrowser } from './support/browser-session';
import { benchPassword, removeDir, seedDataDir, startGateway, userFor } from './support/spine';

const childrenCount = 1_000;
const runs = 5;
const throttle = 4;
const today = '2026-11-23';

let dataDir = '';
afterAll(() => {
	if (dataDir) removeDir(dataDir);
}, 45 * 60_000);

/**
 * From a child's page, back to the home screen by the link in the header (the app is one page:
 * a load would lock it): from the click to the caseload table showing every child, in the page's
 * clock.
 */
async function timeHome(page: Page): Promise<number> {
	await page.getByTestId('children').getByRole('link').first().click();
	await page.getByTestId('pep-year').first().waitFor({ timeout: 60_000 });
	await page.evaluate(() => {
		const w = window as unknown as { homeClickedAt?: number; homeReadyAt?: number };
		delete w.homeClickedAt;
		delete w.homeReadyAt;
		const header = document.querySelector('.govuk-service-navigation__service-name a')!;
		header.addEventListener('click', () => (w.homeClickedAt = performance.now()), {
			capture: true,
			once: true
		});
		const ready = () => {
			const count = document.querySelector('[data-testid="children-count"]');
			return count !== null && /^\d+ children$/.test(count.textContent?.trim() ?? '');
		};
		new MutationObserver((_, observer) => {
			if (!w.homeClickedAt || !ready()) return;
			w.homeReadyAt = performance.now();
			observer.disconnect();
		}).observe(document, { childList: true, subtree: true, characterData: true });
	});
	await page.getByRole('link', { name: 'Personal Education Plans' }).first().click();
	await page.waitForFunction(() => 'homeReadyAt' in window, null, { timeout: 60_000 });
	return page.evaluate(() => {
		const w = window as unknown as { homeClickedAt: number; homeReadyAt: number };
		return w.homeReadyAt - w.homeClickedAt;
	});
}

/**
 * The app's own share of a filter: each prefix of the same words set in the field and announced
 * with an input event from the page itself, to the next frame. Beside the key presses above, it
 * shows how much of their time is the app's own work.
 */
async function timeFilterInPage(page: Page, queries: string[]): Promise<number[]> {
	return page.evaluate(async (texts) => {
		const input = document.getElementById('find-child') as HTMLInputElement;
		const times: number[] = [];
		for (const text of texts) {
			for (let end = 1; end <= text.length; end++) {
				await new Promise((resolve) => setTimeout(resolve, 300));
				const started = performance.now();
				input.value = text.slice(0, end);
				input.dispatchEvent(new Event('input', { bubbles: true }));
				await new Promise((resolve) => requestAnimationFrame(resolve));
				times.push(performance.now() - started);
			}
			input.value = '';
			input.dispatchEvent(new Event('input', { bubbles: true }));
		}
		return times;
	}, queries);
}

async function throttled(page: Page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
	return cdp;
}

/** From an input event to the next frame after the table changed, in the page's clock. */
async function timeFilter(page: Page, text: string): Promise<number[]> {
	const field = page.getByLabel('Find a child');
	await field.fill('');
	await page.waitForTimeout(300);
	await page.evaluate(() => {
		const w = window as unknown as { filterTimes: number[]; typedAt: number };
		w.filterTimes = [];
		const body = document.querySelector('[data-testid="children"] tbody')!;
		const input = document.getElementById('find-child')!;
		// In the capture phase, on the document: before the app's own listener on the field, which
		// changes the table at once (a listener on the field would run after the change, and time
		// the next key's instead).
		document.addEventListener(
			'input',
			(event) => {
				if (event.target === input) w.typedAt = performance.now();
			},
			{ capture: true }
		);
		new MutationObserver(() => {
			const typedAt = w.typedAt;
			if (!typedAt) return;
			w.typedAt = 0;
			requestAnimationFrame(() => w.filterTimes.push(performance.now() - typedAt));
		}).observe(body, { childList: true, subtree: true });
	});
	// Keys go to the focused field as a keyboard sends them: `locator.press` would first run
	// Playwright's own search for the label in the page, on the same slowed thread, between the
	// input and the frame being timed.
	await field.focus();
	for (const letter of text) {
		await page.keyboard.press(letter === ' ' ? 'Space' : letter);
		await page.waitForTimeout(400);
	}
	return page.evaluate(() => (window as unknown as { filterTimes: number[] }).filterTimes);
}

it(
	'measures the home screen, filtering and opening a part with 1,000 children',
	async () => {
		const started = performance.now();
		const fixture = generateAuthority({ seed: 3, children: childrenCount, years: 1, today });
		const officer = fixture.users.find((u) => u.role === 'virtual-school')!;
		dataDir = await seedDataDir({
			documents: fixture.documents,
			assignments: fixture.assignments,
			users: [userFor(officer, fixture.authority.authorityId)]
		});
		const app = await startGateway(dataDir);
		const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
		try {
			const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
			const page = await context.newPage();
			const syncStarted = performance.now();
			await signInInBrowser(page, app.url, officer.email, benchPassword);
			await page
				.getByTestId('sync-status')
				.getByText('Up to date')
				.waitFor({ timeout: 30 * 60_000 });
			const syncMs = performance.now() - syncStarted;
			// The table redraws a moment after the last batch lands.
			const count = page.getByTestId('children-count');
			await expect
				.poll(() => count.textContent(), { timeout: 120_000 })
				.toContain(`${childrenCount} children`);

			const cdp = await throttled(page);
			const home: number[] = [];
			for (let i = 0; i < runs; i++) home.push(await timeHome(page));

			const filters: number[] = [];
			for (const query of ['smi', 'year 9', 'ja']) filters.push(...(await timeFilter(page, query)));
			const filtersInPage = await timeFilterInPage(page, ['smi', 'year 9', 'ja']);

			// A part of a PEP with a year of history: from the task list's link to its form.
			const parts: number[] = [];
			const child = page.getByTestId('children').getByRole('link').nth(10);
			await child.click();
			await page.getByTestId('pep-year').getByRole('link').first().click();
			// The app moves without a page load: the address is the PEP's once its heading shows.
			await page
				.getByRole('heading', { level: 1, name: 'Personal Education Plan' })
				.waitFor({ timeout: 60_000 });
			const pepUrl = page.url();
			for (let i = 0; i < runs; i++) {
				if (page.url() !== pepUrl) await page.goBack();
				const link = page.getByRole('link', { name: 'Social worker information' });
				await link.waitFor({ timeout: 60_000 });
				const clickedAt = await page.evaluate(() => performance.now());
				await link.click();
				await page.getByTestId('value-history').waitFor({ timeout: 60_000 });
				parts.push((await page.evaluate(() => performance.now())) - clickedAt);
			}
			await cdp.detach();

			const results = [
				['Home screen ready (from a link to the table of 1,000)', median(home), 1_000],
				['Filter as you type (input to the next frame)', median(filters), 100],
				['Filter, the app alone (an input event from the page)', median(filtersInPage), 100],
				['Open a PEP part from the task list', median(parts), 300]
			] as const;
			const markdown = [
				sectionHead('Screens with a whole authority on the device'),
				'',
				`A Virtual School officer's device holds an authority of ${childrenCount.toLocaleString('en-GB')} children (\`generateAuthority({ seed: 3, children: ${childrenCount}, years: 1 })\`: ${fixture.documents.length.toLocaleString('en-GB')} documents), brought by the app's own first sync through the gateway, which took ${(syncMs / 1000).toFixed(0)} s. Then Chromium runs with the CPU slowed ${throttle}× (CDP \`Emulation.setCPUThrottlingRate\`), at 1024×768. Home: from clicking the service name in the header on a child's page to the caseload table ready, its count saying ${childrenCount.toLocaleString('en-GB')} children (${runs} times; the app is one page, and a fresh load would start it locked; the table draws 25 rows at a time). Filter: from each key's input event to the next frame after the table changed (the letters of "smi", "year 9" and "ja", typed as key presses into the focused field, ${filters.length} of which changed the table's rows (a key that leaves the first 25 rows as they were changes nothing to time); and, for the app's share alone, each prefix of those words set by the page with an input event, ${filtersInPage.length} in all). Part: from clicking "Social worker information" in a PEP's task list to its page showing the text (${runs} times; the officer reads, so the page is read-only). Medians.`,
				'',
				table(
					['what', 'median', 'slowest', 'target', ''],
					results.map(([what, value, target]) => [
						what,
						ms(value),
						ms(
							Math.max(
								...(what.startsWith('Home')
									? home
									: what.startsWith('Filter,')
										? filtersInPage
										: what.startsWith('Filter')
											? filters
											: parts)
							)
						),
						`≤ ${ms(target)}`,
						verdict(value <= target)
					])
				),
				'',
				`This benchmark took ${((performance.now() - started) / 1000).toFixed(0)} s.`
			].join('\n');
			print(markdown);
			writeSection('screens', markdown);
		} finally {
			await browser.close();
			await app.stop();
		}
	},
	45 * 60_000
);
