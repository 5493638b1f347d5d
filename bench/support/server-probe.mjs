/**
 * Preloaded into a server process by the benchmarks (`NODE_OPTIONS=--import …`; `--cpu-prof`
 * itself is not allowed in NODE_OPTIONS), to see inside it:
 *   BENCH_CPU_PROFILE=file  — the first SIGUSR2 starts V8's sampling profiler, the second stops it
 *                             and writes the profile there (a `.cpuprofile`, as `--cpu-prof` writes);
 *   BENCH_MEMORY_LOG=file   — every 100 ms, `process.memoryUsage()`; the peak of each figure and
 *                             the figures at the moment of peak RSS are written there each second.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const profileFile = process.env.BENCH_CPU_PROFILE;
if (profileFile) {
	const session = new Session();
	session.connect();
	// Enabled from the start, so V8 knows every script's code when sampling begins.
	session.post('Profiler.enable', () => {
		session.post('Profiler.setSamplingInterval', { interval: 500 });
	});
	let profiling = false;
	process.on('SIGUSR2', () => {
		if (!profiling) {
			profiling = true;
			session.post('Profiler.start');
			return;
		}
		session.post('Profiler.stop', (error, result) => {
			const profile = error ? { error: String(error) } : result.profile;
			writeFileSync(profileFile, JSON.stringify(profile));
		});
	});
}

const memoryFile = process.env.BENCH_MEMORY_LOG;
if (memoryFile) {
	const peaks = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
	let atPeakRss = process.memoryUsage();
	let ticks = 0;
	const sample = setInterval(() => {
		const now = process.memoryUsage();
		for (const key of Object.keys(peaks)) peaks[key] = Math.max(peaks[key], now[key]);
		if (now.rss >= peaks.rss) atPeakRss = now;
		ticks += 1;
		if (ticks % 10 === 0) writeFileSync(memoryFile, JSON.stringify({ peaks, atPeakRss }));
	}, 100);
	sample.unref();
}
