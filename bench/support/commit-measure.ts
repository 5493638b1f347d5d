/**
 * The encryption benchmark's commit: one Section A part is typed (a draft written to Dexie) and
 * committed (a new PouchDB revision, checked by the schemas), on a plain device and on an
 * encrypted one, alternately. Run in Node on in-memory storage (`encryption.bench.ts`) and in
 * Chromium on the browser's IndexedDB (bundled by `browser-commits.ts`, with the entry below).
 */
import { DraftStore } from '$lib/client/data/drafts';
import { encryptLocalRecord } from '$lib/client/data/encrypted-pouch';
import { LocalRecord } from '$lib/client/data/record';
import { Cipher } from '$lib/client/security/cipher';
import { createKey } from '$lib/client/security/passcode-key';

export interface CommitRun {
	sectionA: Record<string, unknown> & { _id: string };
	userId: string;
	/** Commits per block; blocks alternate off and on, after one of each not counted. */
	commits: number;
	blocks: number;
}

/** Makes the device's record database, by name. */
export type MakePouch = (name: string) => PouchDB.Database;

async function device(encrypted: boolean, run: CommitRun, makePouch: MakePouch) {
	const name = `bench-${encrypted ? 'sealed' : 'plain'}-${Date.now()}`;
	const cipher = encrypted
		? new Cipher((await createKey('bench-passcode', { testOnlyIterations: 1 })).key)
		: undefined;
	const plain = makePouch(`${name}-record`);
	const db = cipher ? encryptLocalRecord(plain, cipher) : plain;
	const drafts = new DraftStore(`${name}-drafts`, { cipher });
	const record = new LocalRecord(run.userId, db, drafts);
	await db.put(structuredClone(run.sectionA));
	return { db, drafts, record };
}

async function commitTimes(
	{ drafts, record }: Awaited<ReturnType<typeof device>>,
	run: CommitRun
): Promise<number[]> {
	const id = run.sectionA._id;
	const times: number[] = [];
	for (let i = 0; i < run.commits; i++) {
		const stored = await record.getDoc(id);
		const started = performance.now();
		void drafts.saveDraft({
			docId: id,
			part: 'socialWorkerInformation',
			baseRev: stored!._rev,
			fields: { history: `Commit ${i}: Jamie is settled and attends every day.` },
			userId: run.userId
		});
		await drafts.flushDrafts();
		const result = await record.commitDraft(id, 'socialWorkerInformation', run.userId);
		times.push(performance.now() - started);
		if (result.status !== 'committed') throw new Error(`A commit ended ${result.status}`);
	}
	return times;
}

/** Commit times with encryption off and on, in ms. */
export async function measureCommits(
	run: CommitRun,
	makePouch: MakePouch
): Promise<{ off: number[]; on: number[] }> {
	const devices = {
		off: await device(false, run, makePouch),
		on: await device(true, run, makePouch)
	};
	await commitTimes(devices.off, run);
	await commitTimes(devices.on, run);
	const times = { off: [] as number[], on: [] as number[] };
	for (let block = 0; block < run.blocks; block++) {
		for (const mode of block % 2 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
			times[mode].push(...(await commitTimes(devices[mode], run)));
		}
	}
	for (const { db, drafts } of Object.values(devices)) {
		await db.destroy();
		drafts.close();
	}
	return times;
}
