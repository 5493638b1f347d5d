/**
 * Which Chromium the end-to-end tests drive. Playwright's own download is not always possible
 * (closed networks, CI images), so a system Chromium is an equal choice.
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * Headless in a container as root needs --no-sandbox; the rest stop Chromium reaching for the
 * network on its own (updates, sync, QUIC probes), which makes it misbehave on a closed network.
 * --disable-dev-shm-usage: containers often have a tiny /dev/shm, which crashes tabs.
 */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage'
];

const systemChromiums = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** CHROMIUM_PATH if set, else Playwright's bundled Chromium if installed, else Debian's. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
	const fromEnv = env.CHROMIUM_PATH;
	if (fromEnv) {
		if (existsSync(fromEnv)) return fromEnv;
		throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there.`);
	}

	const candidates = [bundledChromium(), ...systemChromiums].filter((path) => path !== undefined);
	const found = candidates.find((path) => existsSync(path));
	if (found) return found;

	throw new Error(
		[
			'No Chromium found for the end-to-end tests. Looked in:',
			...candidates.map((path) => `  ${path}`),
			'Get one with either:',
			'  sudo apt-get install chromium         (Debian or Ubuntu)',
			'  npx playwright install chromium       (where downloads from the internet work)',
			'or set CHROMIUM_PATH to a Chromium or Chrome executable.'
		].join('\n')
	);
}

function bundledChromium(): string | undefined {
	try {
		return chromium.executablePath();
	} catch {
		// Older Playwright versions throw when the browser has not been downloaded.
		return undefined;
	}
}
