import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { cspDirectives } from './server/security-headers.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// A build reads this file several times, and every read must name the same version: the first
// read stamps the time into the environment, which the later ones find.
process.env.PEP_BUILD_VERSION ??= `${version}, built ${new Date().toISOString().slice(0, 19).replace('T', ' ')} UTC`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// server/index.js serves the build, adding the security headers to every response.
		adapter: adapter({ out: 'build' }),
		// Hashes, not nonces: the service worker serves one cached shell page, so its policy and
		// its inline start-up script must stay the same from one response to the next.
		csp: { mode: 'hash', directives: cspDirectives },
		// Shown on the device screen; every build differs, so the service worker sees a new version
		// (to the second: two builds in one minute are still two versions).
		version: { name: process.env.PEP_BUILD_VERSION },
		// Registered through workbox-window (src/lib/client/service-worker.ts), which handles updates.
		serviceWorker: { register: false },
		// Absolute asset paths: the service worker answers every route with one cached shell page.
		paths: { relative: false },
		typescript: {
			// Type-check the Playwright, integration-test and benchmark configs, the benchmarks and
			// the production server with the app, so ESLint's project service finds them.
			config: (tsconfig) => ({
				...tsconfig,
				include: [
					...tsconfig.include,
					'../playwright.config.ts',
					'../vitest.integration.config.ts',
					'../vitest.bench.config.ts',
					'../bench/**/*.ts',
					'../server/**/*.js'
				]
			})
		}
	}
};

export default config;
