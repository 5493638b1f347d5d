/**
 * Two devices edit the same part with no signal, then sync through the real gateway in either
 * order: edits to different fields both survive; an edit to the same field on both becomes a
 * conflict that a person can see, with both values. The device code is the app's own data layer
 * (record commits, conflict merging), on Node's PouchDB.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConflicts, type ResolverContext } from '$lib/client/data/conflicts';
import { freshDrafts, memoryDatabase } from '$lib/client/data/testing';
import { LocalRecord } from '$lib/client/data/record';
import { remotePouch, signedInAccount, startServer, type RunningServer } from './support/server';

type Doc = Record<string, unknown> & { _id: string; _rev: string };

let app: RunningServer;
const people = {} as Record<'worker' | 'officer', { cookie: string; userId: string }>;
let pepIds: string[] = [];

beforeAll(async () => {
	app = await startServer();
	for (const [key, email] of [
		['worker', 'social-worker@example.org'],
		['officer', 'virtual-school@example.org']
	] as const) {
		people[key] = await signedInAccount(app.url, email);
	}
	// PEP headers on the social worker's caseload: both people may change them.
	const worker = remotePouch(app.url, people.worker.cookie);
	const rows = (await worker.allDocs()).rows.map((r) => r.id);
	pepIds = rows.filter((id) => /^child:[^:]+:pep:[^:]+$/.test(id));
}, 120_000);

afterAll(async () => {
	await app?.stop();
});

interface Device extends ResolverContext {
	remote: PouchDB.Database;
	record: LocalRecord;
}

async function device(who: 'worker' | 'officer', docId: string): Promise<Device> {
	const db = memoryDatabase(who);
	const drafts = freshDrafts();
	const remote = remotePouch(app.url, people[who].cookie);
	await db.replicate.from(remote, { doc_ids: [docId] });
	return {
		db,
		drafts,
		userId: people[who].userId,
		remote,
		record: new LocalRecord(people[who].userId, db, drafts)
	};
}

/** Types into a part of the document and commits it, as the app does on leaving the field. */
async function type(d: Device, docId: string, part: string, fields: Record<string, unknown>) {
	const doc = await d.db.get<Doc>(docId);
	void d.drafts.saveDraft({ docId, part, baseRev: doc._rev, fields, userId: d.userId });
	const result = await d.record.commitDraft(docId, part, d.userId);
	expect(result.status).toBe('committed');
}

/** Sends, receives, merges what arrived and sends the merge, as the sync manager does. */
async function sync(d: Device, docId: string) {
	const pushed = await d.db.replicate.to(d.remote);
	expect(pushed.doc_write_failures, JSON.stringify(pushed.errors)).toBe(0);
	await d.db.replicate.from(d.remote, { doc_ids: [docId] });
	await resolveConflicts(d, [docId]);
	await d.db.replicate.to(d.remote);
}

async function meetingOf(db: PouchDB.Database, docId: string) {
	const doc = await db.get<Doc>(docId, { conflicts: true });
	return { meeting: doc.meeting as Record<string, unknown>, conflicts: doc._conflicts ?? [] };
}

describe.each([
	['the social worker first', ['worker', 'officer']],
	['the officer first', ['officer', 'worker']]
] as const)('two devices offline, syncing with %s', (_order, order) => {
	it('keeps both edits to different fields of the same part', async () => {
		const docId = pepIds[order[0] === 'worker' ? 0 : 1]!;
		const devices = {
			worker: await device('worker', docId),
			officer: await device('officer', docId)
		};
		await type(devices.worker, docId, 'meeting', { place: 'Foster home, front room' });
		await type(devices.officer, docId, 'meeting', { startTime: '15:45' });

		await sync(devices[order[0]], docId);
		await sync(devices[order[1]], docId);
		await sync(devices[order[0]], docId);

		const server = await meetingOf(devices.worker.remote, docId);
		for (const db of [devices.worker.db, devices.officer.db]) {
			const local = await meetingOf(db, docId);
			expect(local.conflicts).toEqual([]);
			expect(local.meeting).toEqual(server.meeting);
		}
		expect(server.meeting).toMatchObject({ place: 'Foster home, front room', startTime: '15:45' });
		expect(server.conflicts).toEqual([]);
	});

	it('turns an edit of the same field on both into a conflict that shows both values', async () => {
		const docId = pepIds[order[0] === 'worker' ? 2 : 3]!;
		const devices = {
			worker: await device('worker', docId),
			officer: await device('officer', docId)
		};
		await type(devices.worker, docId, 'meeting', { place: 'The school library' });
		await type(devices.officer, docId, 'meeting', { place: 'Virtual School office' });

		await sync(devices[order[0]], docId);
		await sync(devices[order[1]], docId);
		await sync(devices[order[0]], docId);

		const server = await meetingOf(devices.worker.remote, docId);
		expect(server.conflicts).toEqual([]);
		expect(['The school library', 'Virtual School office']).toContain(server.meeting.place);
		for (const d of [devices.worker, devices.officer]) {
			expect((await meetingOf(d.db, docId)).meeting).toEqual(server.meeting);
		}
		// Nothing is lost: the value that did not win is kept, beside the one that did, for a person.
		const recorded = [
			...(await devices.worker.drafts.listConflicts(docId)),
			...(await devices.officer.drafts.listConflicts(docId))
		];
		const values = recorded.flatMap((c) => [c.ours, c.theirs]);
		expect(values).toContain('The school library');
		expect(values).toContain('Virtual School office');
	});
});
