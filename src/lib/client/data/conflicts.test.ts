import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
	resolveConflicts,
	resolveConflictsSince,
	settleConflict,
	type ResolverContext
} from './conflicts';
import { freshDrafts, memoryDatabase, sectionBDocument } from './testing';

type Doc = Record<string, unknown> & { _id: string; _rev: string };

/** Two devices that both hold revision 1 of a Section B, and the server between them. */
async function twoDevices() {
	const server = memoryDatabase('server');
	const device = (userId: string): ResolverContext => ({
		db: memoryDatabase(userId),
		drafts: freshDrafts(),
		userId
	});
	const a = device('teacher-01');
	const b = device('teacher-02');
	const doc = sectionBDocument();
	await server.put(doc);
	await a.db.replicate.from(server);
	await b.db.replicate.from(server);
	return { server, a, b, id: doc._id };
}

async function edit(device: ResolverContext, id: string, change: (doc: Doc) => Doc, at: string) {
	const doc = await device.db.get<Record<string, unknown>>(id);
	await device.db.put({ ...change(doc as Doc), updated: { by: device.userId, at } });
}

/** Each device sends, then receives, then merges what arrived, as the sync manager does. */
async function sync(device: ResolverContext, server: PouchDB.Database, id: string) {
	await device.db.replicate.to(server);
	await device.db.replicate.from(server);
	await resolveConflicts(device, [id]);
	await device.db.replicate.to(server);
}

const part = (doc: Doc, name: string) => doc[name] as Record<string, unknown>;

describe('resolving conflicts after sync', () => {
	it('keeps both devices’ edits to different fields of one document', async () => {
		const { server, a, b, id } = await twoDevices();
		await edit(a, id, (d) => ({ ...d, progressOverview: { complete: false, text: 'From the laptop' } }), '2025-01-07T09:00:00.000Z');
		await edit(b, id, (d) => ({ ...d, meetingPage: { ...part(d, 'meetingPage'), summary: 'From the tablet' } }), '2025-01-07T09:05:00.000Z');

		await sync(a, server, id);
		await sync(b, server, id);
		await sync(a, server, id);

		for (const db of [a.db, b.db, server]) {
			const doc = await db.get<Record<string, unknown>>(id, { conflicts: true });
			expect(doc._conflicts ?? []).toEqual([]);
			expect(part(doc as Doc, 'progressOverview').text).toBe('From the laptop');
			expect(part(doc as Doc, 'meetingPage').summary).toBe('From the tablet');
		}
		expect(await a.drafts.listConflicts()).toEqual([]);
		expect(await b.drafts.listConflicts()).toEqual([]);
	});

	it('records a field both changed, with both values and both authors, for a person to choose', async () => {
		const { server, a, b, id } = await twoDevices();
		await edit(a, id, (d) => ({ ...d, progressOverview: { complete: false, text: 'Laptop words' } }), '2025-01-07T09:00:00.000Z');
		await edit(b, id, (d) => ({ ...d, progressOverview: { complete: false, text: 'Tablet words' } }), '2025-01-07T09:05:00.000Z');

		await sync(a, server, id);
		await sync(b, server, id);

		const [conflict, ...others] = await b.drafts.listConflicts(id);
		expect(others).toEqual([]);
		const kept = part(await b.db.get(id), 'progressOverview').text;
		const setAside = kept === 'Laptop words' ? 'Tablet words' : 'Laptop words';
		expect(conflict).toMatchObject({
			path: ['progressOverview', 'text'],
			base: '',
			ours: kept,
			theirs: setAside,
			oursBy: kept === 'Laptop words' ? 'teacher-01' : 'teacher-02',
			theirsBy: kept === 'Laptop words' ? 'teacher-02' : 'teacher-01'
		});

		expect(await settleConflict(b, conflict!, 'theirs')).toMatchObject({ status: 'settled' });
		expect(part(await b.db.get(id), 'progressOverview').text).toBe(setAside);
		expect(await b.drafts.listConflicts()).toEqual([]);
	});

	it('when the common version was compacted away, calls every differing field a conflict', async () => {
		const { server, a, b, id } = await twoDevices();
		await edit(a, id, (d) => ({ ...d, progressOverview: { complete: true, text: 'Laptop' } }), '2025-01-07T09:00:00.000Z');
		await edit(b, id, (d) => ({ ...d, meetingPage: { ...part(d, 'meetingPage'), summary: 'Tablet' } }), '2025-01-07T09:05:00.000Z');
		await a.db.replicate.to(server);
		await b.db.replicate.from(server);
		await b.db.compact();

		await resolveConflicts(b, [id]);
		const paths = (await b.drafts.listConflicts(id)).map((c) => c.path.join('.')).sort();
		expect(paths).toEqual(['meetingPage.summary', 'progressOverview.complete', 'progressOverview.text']);
		const doc = await b.db.get<Record<string, unknown>>(id, { conflicts: true });
		expect(doc._conflicts ?? []).toEqual([]);
	});

	it('keeps one version whole when the merge would break a rule, and records every difference', async () => {
		const { server, a, b, id } = await twoDevices();
		const subjects = (prefix: string) =>
			Array.from({ length: 16 }, (_, i) => ({
				subjectId: `${prefix}-${String(i).padStart(4, '0')}`,
				course: `Course ${i}`,
				level: 'gcse',
				targetEndOfKeyStage: '5',
				assessments: {}
			}));
		await edit(a, id, (d) => ({ ...d, subjects: subjects('laptop') }), '2025-01-07T09:00:00.000Z');
		await edit(b, id, (d) => ({ ...d, subjects: subjects('tablet') }), '2025-01-07T09:05:00.000Z');

		await sync(a, server, id);
		await sync(b, server, id);

		const kept = (await b.db.get<{ subjects: { subjectId: string }[] }>(id)).subjects;
		expect(kept).toHaveLength(16);
		const recorded = await b.drafts.listConflicts(id);
		const setAside = kept[0]?.subjectId.startsWith('laptop') ? 'tablet' : 'laptop';
		expect(recorded).toHaveLength(16);
		for (const conflict of recorded) {
			expect(conflict.path).toEqual(['subjects', expect.stringMatching(`^${setAside}-`)]);
			expect(conflict.ours).toBeUndefined();
			expect(conflict.theirs).toMatchObject({ course: expect.any(String) });
		}
	});

	it('finds, after an interrupted run, the conflicts among what changed since the last check only', async () => {
		const { server, a, b, id } = await twoDevices();
		await edit(a, id, (d) => ({ ...d, progressOverview: { complete: false, text: 'Laptop' } }), '2025-01-07T09:00:00.000Z');
		await edit(b, id, (d) => ({ ...d, progressOverview: { complete: false, text: 'Tablet' } }), '2025-01-07T09:05:00.000Z');
		await a.db.replicate.to(server);
		// The tablet receives the laptop's edit, and the app stops before merging it.
		await b.db.replicate.from(server);
		expect((await b.db.get(id, { conflicts: true }))._conflicts).toHaveLength(1);

		const first = await resolveConflictsSince(b, 0);
		expect(first.merged).toEqual([id]);
		expect((await b.db.get(id, { conflicts: true }))._conflicts ?? []).toEqual([]);
		const again = await resolveConflictsSince(b, first.checkedTo);
		expect(again.merged).toEqual([]);
	});
});
