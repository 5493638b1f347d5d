import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build' }),
		typescript: {
			// Type-check the Playwright config with the app, so ESLint's project service finds it.
			config: (tsconfig) => ({
				...tsconfig,
				include: [...tsconfig.include, '../playwright.config.ts']
			})
		}
	}
};

export default config;
