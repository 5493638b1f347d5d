import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		// Registered through workbox-window (src/lib/client/service-worker.ts), which handles updates.
		serviceWorker: { register: false },
		// Absolute asset paths: the service worker answers every route with one cached shell page.
		paths: { relative: false },
		typescript: {
			// Type-check the Playwright and integration-test configs with the app, so ESLint's
			// project service finds them.
			config: (tsconfig) => ({
				...tsconfig,
				include: [
					...tsconfig.include,
					'../playwright.config.ts',
					'../vitest.integration.config.ts',
					'../vitest.bench.config.ts',
					'../bench/**/*.ts'
				]
			})
		}
	}
};

export default config;
