import { fileURLToPath } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { NodePackageImporter } from 'sass';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
	plugins: [sveltekit()],
	// `pkg:` URLs in Sass (src/app.scss) find files through a package's exports, as GOV.UK Frontend
	// documents for using its components one by one.
	css: { preprocessorOptions: { scss: { importers: [new NodePackageImporter(root)] } } },
	// Small pieces of shared code (Svelte's runtime, SvelteKit's, the schemas) are merged into
	// chunks of at least 20 KB: each file a start-up loads costs the service worker a cache lookup
	// and the page a task of its own, which a slow tablet feels (BENCHMARKS.md, offline cold start).
	build: { rollupOptions: { output: { experimentalMinChunkSize: 20_000 } } },
	test: {
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		environment: 'node',
		coverage: {
			provider: 'v8',
			include: ['src/lib/domain/**/*.ts'],
			exclude: ['src/lib/domain/**/*.test.ts'],
			reporter: ['text-summary', 'text'],
			// The domain is pure and shared by client and server: keep it thoroughly tested.
			thresholds: { lines: 90 }
		}
	}
});
