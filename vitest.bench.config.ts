import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

// Benchmarks of the data spine (`npm run bench`, after `npm run build`): each file starts real
// server processes from the production build, measures, and writes its section of BENCHMARKS.md.
// They report figures against targets and never fail on a timing; one file at a time, since the
// machine may have two cores and every process on it shares them.
export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['bench/**/*.bench.ts'],
		// A private copy of the build for the run's servers, so a rebuild meanwhile cannot pull
		// route modules from under them (the integration tests' own set-up).
		globalSetup: ['tests/integration/support/global-setup.ts'],
		environment: 'node',
		fileParallelism: false,
		testTimeout: 20 * 60_000,
		hookTimeout: 10 * 60_000,
		teardownTimeout: 60_000
	}
});
