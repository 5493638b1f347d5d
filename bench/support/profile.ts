/**
 * Looking inside a server process while a benchmark runs (bench/support/server-probe.mjs,
 * preloaded): V8's CPU profile summarised by where the time goes, and its memory by kind.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { mb, ms, root, table } from './report';
import { sleep } from './spine';

/** The environment that preloads the probe into a server, writing to these files. */
export function probeEnv(files: {
	cpuProfile?: string;
	memoryLog?: string;
}): Record<string, string> {
	const preload = pathToFileURL(join(root, 'bench/support/server-probe.mjs')).href;
	return {
		NODE_OPTIONS: `--import ${preload}`,
		...(files.cpuProfile ? { BENCH_CPU_PROFILE: files.cpuProfile } : {}),
		...(files.memoryLog ? { BENCH_MEMORY_LOG: files.memoryLog } : {})
	};
}

export async function startProfiling(pid: number): Promise<void> {
	process.kill(pid, 'SIGUSR2');
	await sleep(300);
}

/** Stops the profiler and reads the profile it writes (waiting up to 20 s for it). */
export async function stopProfiling(pid: number, file: string): Promise<CpuProfile | null> {
	process.kill(pid, 'SIGUSR2');
	for (let i = 0; i < 200 && !existsSync(file); i += 1) await sleep(100);
	await sleep(300);
	if (!existsSync(file)) return null;
	return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

export interface MemoryBreakdown {
	peaks: Record<'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers', number>;
	atPeakRss: Record<'rss' | 'heapTotal' | 'heapUsed' | 'external' | 'arrayBuffers', number>;
}

export function readMemoryLog(file: string): MemoryBreakdown | null {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as MemoryBreakdown;
	} catch {
		return null;
	}
}

/** One line: what the server's memory held at its peak RSS, by kind. */
export function describeMemory(memory: MemoryBreakdown): string {
	const at = memory.atPeakRss;
	const outside = at.rss - at.heapTotal - at.external;
	return `at its peak RSS of ${mb(at.rss)} the server's V8 heap was ${mb(at.heapTotal)} (${mb(at.heapUsed)} in use), memory held outside the heap by JavaScript objects (\`external\`, Buffers and LevelDB's among them) ${mb(at.external)}, and the rest (native allocations: LevelDB's caches, scrypt's, Node's own; code) about ${mb(Math.max(0, outside))}. Peaks of each over the run: heap in use ${mb(memory.peaks.heapUsed)}, external ${mb(memory.peaks.external)}.`;
}

export interface CpuProfile {
	nodes: {
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number };
		children?: number[];
	}[];
	samples: number[];
	timeDeltas: number[];
}

/**
 * Where a profiled server spent its time: self time by where the code lives and by function
 * (native code counted to its caller), then PouchDB's and the app's functions with everything
 * they call synchronously.
 */
export function summariseProfile(profile: CpuProfile, heading: string): string {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) {
		for (const child of node.children ?? []) parent.set(child, node.id);
	}
	const frameOf = (id: number) => {
		const frame = byId.get(id)!.callFrame;
		const name = frame.functionName || '(anonymous)';
		if (!frame.url && name.startsWith('(') && name !== '(anonymous)') {
			return { name, key: name, place: name };
		}
		const place = placeOf(frame.url, name);
		const line = frame.url ? `:${frame.lineNumber + 1}` : '';
		return { name, key: `${name} (${place}${line})`, place };
	};
	// Native code (a LevelDB binding, say) has no name or script: count it to its caller.
	const ownerOf = (id: number) => {
		const up = parent.get(id);
		const frame = frameOf(id);
		if (frame.name !== '(anonymous)' || byId.get(id)!.callFrame.url || up === undefined) {
			return frame;
		}
		const caller = frameOf(up);
		return { ...caller, key: `${caller.key}, native part` };
	};
	const stackOf = (id: number) => {
		const stack: number[] = [];
		for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(at);
		return stack;
	};
	const selfTime = new Map<string, number>();
	const byPlace = new Map<string, number>();
	const inclusive = new Map<string, number>();
	let busy = 0;
	let sampled = 0;
	profile.samples.forEach((id, i) => {
		const us = profile.timeDeltas[i] ?? 0;
		sampled += us;
		const own = ownerOf(id);
		const stack = stackOf(id);
		// Idle, and the profiler's own work in stopping: not the server's.
		if (own.name === '(idle)') return;
		if (stack.some((at) => byId.get(at)!.callFrame.url.includes('server-probe.mjs'))) return;
		busy += us;
		selfTime.set(own.key, (selfTime.get(own.key) ?? 0) + us);
		byPlace.set(own.place, (byPlace.get(own.place) ?? 0) + us);
		const seen = new Set<string>();
		for (const at of stack) {
			const frame = frameOf(at);
			const ours = frame.place === 'pouchdb' || frame.place.startsWith('app build');
			if (ours && frame.name !== '(anonymous)' && !seen.has(frame.key)) {
				seen.add(frame.key);
				inclusive.set(frame.key, (inclusive.get(frame.key) ?? 0) + us);
			}
		}
	});
	const share = (us: number) => `${((us / busy) * 100).toFixed(1)} %`;
	const top = (map: Map<string, number>, n: number) =>
		[...map].sort((a, b) => b[1] - a[1]).slice(0, n);
	return [
		`${heading} The server was busy for ${ms(busy / 1000)} of ${ms(sampled / 1000)} profiled;
shares are of the busy time. Self time by where the code lives and by function (native code
counted to its caller), then PouchDB's and the app's functions with everything they call
synchronously (line numbers are in the production build, or in
\`node_modules/pouchdb/lib/index.js\`):`,
		table(
			['where the code lives (self time)', 'share'],
			top(byPlace, 8).map(([k, v]) => [k, share(v)])
		),
		table(
			['function (self time)', 'share'],
			top(selfTime, 10).map(([k, v]) => [`\`${k}\``, share(v)])
		),
		table(
			['function (inclusive)', 'share'],
			top(inclusive, 15).map(([k, v]) => [`\`${k}\``, share(v)])
		)
	].join('\n\n');
}

function placeOf(url: string, name: string): string {
	if (!url) return name.startsWith('(') ? name : 'V8 / native';
	const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (modules) return modules[1]!;
	if (url.startsWith('node:')) return 'Node core';
	const app = /build\/(server\/.*)$/.exec(url);
	if (app) {
		const file = app[1]!
			.split('/')
			.pop()!
			.replace(/-[\w-]{8}\.js$/, '');
		return `app build (${file})`;
	}
	return url;
}
