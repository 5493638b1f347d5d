/**
 * What the app costs a device to download: the JavaScript the sign-in page loads on a first
 * visit (gzip, as a server or proxy that compresses would send it; target ≤ 150 KB), and
 * everything the service worker keeps for offline use (target ≤ 2 MB), both measured in headless
 * Chromium against the production build.
 */
import { gzipSync } from 'node:zlib';
import { chromium, type Response } from '@playwright/test';
import { expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../tests/e2e/support/chromium';
import { startServer } from '../tests/integration/support/server';
import { print, sectionHead, table, verdict, writeSection } from './support/report';

const signInTargetBytes = 150 * 1000;
const precacheTargetBytes = 2 * 1000 * 1000;

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
const mbytes = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

it('measures the JavaScript of the sign-in page and the size of the precache', async () => {
	const app = await startServer();
	const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
	try {
		const page = await browser.newPage();
		const scripts: Promise<{ url: string; raw: number; gzip: number }>[] = [];
		page.on('response', (response: Response) => {
			if (response.request().resourceType() !== 'script') return;
			scripts.push(
				response.body().then((body) => ({
					url: new URL(response.url()).pathname,
					raw: body.length,
					gzip: gzipSync(new Uint8Array(body)).length
				}))
			);
		});
		await page.goto(`${app.url}/`);
		await page.getByRole('button', { name: 'Sign in' }).waitFor();
		await page.waitForLoadState('networkidle');
		const loaded = await Promise.all(scripts);
		const signInRaw = loaded.reduce((sum, s) => sum + s.raw, 0);
		const signInGzip = loaded.reduce((sum, s) => sum + s.gzip, 0);

		// Everything the service worker stored for offline use, read back from its cache.
		await page.evaluate(() => navigator.serviceWorker.ready);
		const precached = await page.evaluate(async () => {
			const entries: { url: string; bytes: number }[] = [];
			for (const name of await caches.keys()) {
				if (!name.includes('precache')) continue;
				const cache = await caches.open(name);
				for (const request of await cache.keys()) {
					const response = await cache.match(request);
					const bytes = response ? (await response.arrayBuffer()).byteLength : 0;
					entries.push({ url: new URL(request.url).pathname, bytes });
				}
			}
			return entries;
		});
		expect(precached.length).toBeGreaterThan(0);
		const precacheBytes = precached.reduce((sum, e) => sum + e.bytes, 0);
		const largest = [...precached].sort((a, b) => b.bytes - a.bytes).slice(0, 5);

		const section = [
			sectionHead('Download size of the app'),
			'',
			"Headless Chromium (Debian's) against the production build. **Sign-in page:** a first visit to `/` (which sends a person who is not signed in to the sign-in page), counting every script the page loaded until the network was idle; the service worker's own downloads are not counted. The server sends files uncompressed, so the gzip figure is each script compressed with Node's `zlib.gzipSync` (level 6), as a compressing proxy would send it. **Precache:** every file the service worker stored for offline use (the app shell, every route's scripts and styles, the manifest and icons), read back from its cache after it installed.",
			'',
			table(
				['figure', 'value', 'target', ''],
				[
					[
						`JavaScript the sign-in page loads (${loaded.length} files), gzip`,
						kb(signInGzip),
						`≤ ${kb(signInTargetBytes)}`,
						verdict(signInGzip <= signInTargetBytes)
					],
					['the same, uncompressed', kb(signInRaw), '', ''],
					[
						`precache (${precached.length} files), uncompressed`,
						mbytes(precacheBytes),
						`≤ ${mbytes(precacheTargetBytes)}`,
						verdict(precacheBytes <= precacheTargetBytes)
					]
				]
			),
			'',
			'The largest files in the precache:',
			'',
			table(
				['file', 'size'],
				largest.map((e) => [`\`${e.url}\``, kb(e.bytes)])
			)
		].join('\n');
		print(section);
		writeSection('app-size', section);
	} finally {
		await browser.close();
		await app.stop();
	}
});
