import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Integration tests run the production build (`npm run build` first) as real server processes
// and talk to them over HTTP. One file at a time: the machine may have two cores, each server
// hashes passwords with scrypt on purpose slowly, and a busy CPU makes timings flaky.
export default defineConfig({
	// Tests that drive the device's own data layer against the real server import it through $lib.
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	test: {
		include: ['tests/integration/**/*.test.ts'],
		globalSetup: ['tests/integration/support/global-setup.ts'],
		environment: 'node',
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 120_000
	}
});
