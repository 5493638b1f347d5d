/**
 * Figures and BENCHMARKS.md. Each benchmark file owns one section of the page, between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`, and replaces only that, so the files can be
 * run one at a time and the page keeps the others' last figures.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const reportPath = join(root, 'BENCHMARKS.md');

/** The sections in the order the page shows them. */
const sections = [
	'initial-sync',
	'initial-sync-33',
	'live-sync',
	'load',
	'keystroke',
	'screens',
	'app-size',
	'cold-start',
	'encryption'
];

const preamble = `# Benchmarks

Measurements of the data spine: how long a device takes to replicate its caseload through the
replication gateway (\`/db/pep\`), how quickly a live edit reaches another device, and how one
server process holds up under many devices at once; and of the app on the device: how quickly a
keystroke is safe on disk, how much the app downloads, and how quickly it starts with no network. They are figures, not tests: nothing fails on
a timing. Each section says when and on what machine it was measured, and compares against a
baseline measured in the same run wherever there is one.

Run them all (this builds first; each file starts its own servers on 127.0.0.1, on fresh data):

\`\`\`sh
npm run bench
\`\`\`

Or one file, against an existing build:

\`\`\`sh
npm run build && npx vitest run --config vitest.bench.config.ts bench/live-sync.bench.ts
\`\`\`

Each file rewrites only its own section below. The files are in \`bench/\`; the fixture is the
seeded generator in \`src/lib/domain/fixtures/generator.ts\`, so every run measures the same data.
`;

/** Replaces (or adds) one section of BENCHMARKS.md. */
export function writeSection(name: string, markdown: string): void {
	const start = `<!-- bench:${name} -->`;
	const end = `<!-- /bench:${name} -->`;
	let page = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : emptyPage();
	if (!page.includes(start) || !page.includes(end)) {
		page = `${page.trimEnd()}\n\n${start}\n${end}\n`;
	}
	const before = page.slice(0, page.indexOf(start) + start.length);
	const after = page.slice(page.indexOf(end));
	writeFileSync(reportPath, `${before}\n${markdown.trim()}\n${after}`);
}

function emptyPage(): string {
	const placeholders = sections.map(
		(name) => `<!-- bench:${name} -->\n_Not measured yet._\n<!-- /bench:${name} -->`
	);
	return `${preamble}\n${placeholders.join('\n\n')}\n`;
}

/** The machine, as each section states it. */
export function machine(): string {
	const cpu = cpus();
	const gib = (totalmem() / 2 ** 30).toFixed(1);
	return `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${gib} GiB memory, Node ${process.version}, ${process.platform} ${process.arch}`;
}

export function today(): string {
	return new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/**
 * The common head of every section. The load average says whether something else was using the
 * machine's cores at the time (the benchmark's own processes count too).
 */
export function sectionHead(title: string): string {
	const load = loadavg()
		.map((l) => l.toFixed(2))
		.join(', ');
	return `## ${title}\n\nMeasured ${today()} on ${machine()}; load average ${load} (1, 5, 15 min) when it finished.`;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** The median; for an even count, the mean of the middle two. */
export function median(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const min = (values: readonly number[]) => Math.min(...values);
export const max = (values: readonly number[]) => Math.max(...values);

/** Milliseconds as people read them: "840 ms", "3.42 s". */
export function ms(value: number): string {
	if (!Number.isFinite(value)) return '—';
	if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
	if (value >= 100) return `${value.toFixed(0)} ms`;
	return `${value.toFixed(1)} ms`;
}

export function mib(bytes: number): string {
	const value = bytes / 2 ** 20;
	return `${value.toFixed(value < 10 ? 1 : 0)} MiB`;
}

/** Bytes in decimal megabytes, as a target of "400 MB" is read. */
export function mb(bytes: number): string {
	return `${(bytes / 1e6).toFixed(0)} MB`;
}

/** A target and whether it was met, for a results table. */
export function verdict(met: boolean): string {
	return met ? 'met' : '**not met**';
}

/** A Markdown table. */
export function table(headers: string[], rows: (string | number)[][]): string {
	const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
	return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Prints a section to the console, so a run shows its figures as well as writing them. */
export function print(markdown: string): void {
	console.log(`\n${markdown}\n`);
}
