/**
 * The gateway's modules against a real on-disk PouchDB: who sees what, and which writes are
 * refused and why. The same rules are exercised over HTTP by tests/integration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateAuthority, type GeneratedAuthority } from '$lib/domain/fixtures/generator';
import { ids } from '$lib/domain/ids';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { Role } from '$lib/domain/schemas/users';
import { tempDatabases } from '../testing/temp-databases';
import { mayRead, resolveAccess, type Access } from './access';
import { readChanges } from './changes';
import { allDocs, bulkGet, bulkGetGroups, revsDiff } from './reads';
import { continueFrom, encodeSeq, encodeSnapshotSeq, parseSince } from './seq';
import { writeDocuments } from './writes';

let db: ReturnType<typeof tempDatabases>;
let demo: GeneratedAuthority;

beforeAll(async () => {
	db = tempDatabases();
	demo = generateAuthority({ seed: 11, children: 12, years: 2, today: '2026-11-23' });
	await db.record.bulkDocs([
		...demo.documents,
		...demo.assignments
	] as PouchDB.Core.PutDocument<object>[]);
}, 60_000);
afterAll(async () => {
	await db.close();
});

const userOf = (role: Role) => demo.users.find((u) => u.role === role)!;
const accessOf = (role: Role) => {
	const u = userOf(role);
	return resolveAccess(db.record, { userId: u.userId, role }, demo.authority.authorityId);
};
const assigned = (userId: string) => demo.assignments.find((a) => a.userId === userId)!;
const docsOf = (childId: string) =>
	demo.documents.filter((d) => 'childId' in d && d.childId === childId);

describe('who reaches which children', () => {
	it('a social worker reaches exactly their caseload', async () => {
		const access = await accessOf('social-worker');
		expect([...access.childIds].sort()).toEqual([...assigned(access.userId).childIds].sort());
	});

	it('a designated teacher reaches the children at their schools', async () => {
		const access = await accessOf('designated-teacher');
		const schools = assigned(access.userId).schoolIds;
		const expected = demo.children
			.filter((c) => c.schoolId && schools.includes(c.schoolId))
			.map((c) => c.childId);
		expect([...access.childIds].sort()).toEqual(expected.sort());
	});

	it('the Virtual School reaches every child in its authority', async () => {
		expect((await accessOf('virtual-school')).childIds.size).toBe(demo.children.length);
	});

	it('an administrator reaches no child', async () => {
		const admin = await resolveAccess(db.record, { userId: 'nobody-assigned', role: 'admin' }, 'x');
		expect(admin.childIds.size).toBe(0);
	});
});

describe('what each role may read of a child it reaches', () => {
	it('a young person: the PEP headers, their voice and their targets, nothing else', async () => {
		const access = await accessOf('young-person');
		const childId = [...access.childIds][0]!;
		const readable = docsOf(childId)
			.filter((d) => mayRead(access, d._id!))
			.map((d) => d.type);
		expect(new Set(readable)).toEqual(new Set(['pep', 'pep-voice', 'pep-targets']));
		expect(mayRead(access, ids.child(childId))).toBe(false);
	});

	it('a carer: their own views, and the plan only once the PEP is shared', async () => {
		const access = await accessOf('carer');
		const childId = [...access.childIds][0]!;
		for (const doc of docsOf(childId)) {
			const pepId = 'pepId' in doc ? doc.pepId : undefined;
			const shared = demo.documents.some(
				(d) => d.type === 'pep' && d.pepId === pepId && d.status === 'shared'
			);
			if (doc.type === 'pep-b') expect(mayRead(access, doc._id!), doc._id).toBe(shared);
			if (doc.type === 'pep-qa' || doc.type === 'child')
				expect(mayRead(access, doc._id!)).toBe(false);
			if (doc.type === 'pep-carer' || doc.type === 'pep')
				expect(mayRead(access, doc._id!)).toBe(true);
		}
	});

	it('nobody reads design documents, unknown ids or another person’s assignment', async () => {
		const access = await accessOf('virtual-school');
		expect(mayRead(access, '_design/gateway')).toBe(false);
		expect(mayRead(access, 'secret')).toBe(false);
		expect(mayRead(access, ids.assignment(userOf('social-worker').userId))).toBe(false);
		expect(mayRead(access, ids.assignment(access.userId))).toBe(true);
		expect(mayRead(access, ids.authority(demo.authority.authorityId))).toBe(true);
		expect(mayRead(access, ids.authority('another-authority'))).toBe(false);
	});
});

describe('the changes feed', () => {
	it('carries only readable documents, page by page, to the same end as one read', async () => {
		const access = await accessOf('social-worker');
		const whole = await readChanges(db.record, access, { style: 'all_docs' });
		expect(whole.results.every((r) => mayRead(access, r.id))).toBe(true);
		const expected = [...demo.documents, ...demo.assignments].filter((d) =>
			mayRead(access, d._id!)
		).length;
		expect(whole.results).toHaveLength(expected);

		const paged: string[] = [];
		let since: string | undefined;
		for (;;) {
			const page = await readChanges(db.record, access, { since, limit: 7 });
			paged.push(...page.results.map((r) => r.id));
			since = page.last_seq;
			if (page.results.length < 7) break;
		}
		expect(paged).toEqual(whole.results.map((r) => r.id));
	});

	it('starts again from the beginning when the person’s access has changed since the checkpoint', async () => {
		const access = await accessOf('social-worker');
		const end = (await readChanges(db.record, access, {})).last_seq;
		expect((await readChanges(db.record, access, { since: end })).results).toHaveLength(0);
		const widened: Access = {
			...access,
			childIds: new Set([...access.childIds, demo.children.at(-1)!.childId]),
			fingerprint: 'other'
		};
		const restarted = await readChanges(db.record, widened, { since: end });
		expect(restarted.results.map((r) => r.id)).toContain(ids.child(demo.children.at(-1)!.childId));
	});

	it('answers doc_ids only for readable documents', async () => {
		const access = await accessOf('young-person');
		const childId = [...access.childIds][0]!;
		const hidden = await readChanges(db.record, access, { docIds: [ids.child(childId)] });
		expect(hidden.results).toEqual([]);
	});

	it('reads sequence tokens back, and ignores ones it did not issue', () => {
		expect(continueFrom(encodeSeq('fp', 42), 'fp')).toBe(42);
		expect(continueFrom(encodeSeq('fp', '12-g1AAAA'), 'fp')).toBe('12-g1AAAA');
		for (const bad of [undefined, 42, 'no-tilde', 'fp~x', 'fp~n12a', 'other~n3', 'fp~s', 'fp~p']) {
			expect(continueFrom(bad, 'fp')).toBe(0);
		}
		const mid = encodeSnapshotSeq('fp', { base: 9, range: 3, after: 'child:a:pep:b' });
		expect(parseSince(mid, 'fp')).toEqual({
			kind: 'snapshot',
			base: 9,
			range: 3,
			after: 'child:a:pep:b'
		});
		expect(parseSince(mid, 'other')).toEqual({ kind: 'seq', seq: 0 });
		const forged = `fp~p${Buffer.from('[1,-1,"x"]').toString('base64url')}`;
		expect(parseSince(forged, 'fp')).toEqual({ kind: 'seq', seq: 0 });
	});

	it('sends a fresh device its snapshot in pages no longer than asked, then carries on with the feed', async () => {
		const access = await accessOf('virtual-school');
		const first = await readChanges(db.record, access, { limit: 25 });
		expect(first.results).toHaveLength(25);
		expect(first.pending).toBeGreaterThan(0);
		const second = await readChanges(db.record, access, { since: first.last_seq, limit: 25 });
		expect(second.results).toHaveLength(25);
		const firstIds = new Set(first.results.map((r) => r.id));
		expect(second.results.some((r) => firstIds.has(r.id))).toBe(false);
	});
});

describe('reads that would reveal a document', () => {
	it('bulk_get, all_docs and revs_diff treat unreadable documents as missing', async () => {
		const access = await accessOf('young-person');
		const childDoc = ids.child([...access.childIds][0]!);
		const got = await bulkGet(db.record, access, { docs: [{ id: childDoc }] });
		expect(got.results[0]?.docs[0]).toMatchObject({ error: { error: 'not_found' } });
		const listed = await allDocs(db.record, access, { keys: [childDoc] });
		expect(listed.rows[0]).toMatchObject({ error: 'not_found' });
		const all = await allDocs(db.record, access, {});
		expect(all.rows.every((r) => mayRead(access, (r as { id: string }).id))).toBe(true);
		const diff = await revsDiff(db.record, access, { [childDoc]: ['1-abc'] });
		expect(diff[childDoc]).toEqual({ missing: ['1-abc'] });
	});
});

describe('bulk_get', () => {
	/** What PouchDB itself answers, with the unreadable documents as missing. */
	async function direct(access: Access, docs: { id: string; rev?: string }[]) {
		const got = await db.record.bulkGet({
			docs,
			revs: true,
			latest: true
		} as PouchDB.Core.BulkGetOptions);
		// PouchDB answers each asked-for revision of an id in turn.
		const byId = new Map<string, typeof got.results>();
		for (const r of got.results) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
		const next = (id: string) => {
			const left = byId.get(id)!;
			return left.length > 1 ? left.shift() : left[0];
		};
		return docs.map((d) =>
			mayRead(access, d.id)
				? next(d.id)
				: {
						id: d.id,
						docs: [
							{
								error: {
									id: d.id,
									rev: d.rev ?? 'undefined',
									error: 'not_found',
									reason: 'missing'
								}
							}
						]
					}
		);
	}

	it('answers a batch of hundreds, read a group at a time, as one read of the whole batch would', async () => {
		const access = await accessOf('virtual-school');
		const docs = [...demo.documents, { _id: 'secret' }, { _id: 'child:nobody' }]
			.map((d) => ({ id: d._id! }))
			.slice(0, 330);
		expect(docs.length).toBeGreaterThan(200);
		const got = await bulkGet(db.record, access, { docs, revs: true, latest: true });
		expect(got.results).toEqual(await direct(access, docs));
		expect(got.results.map((r) => r.id)).toEqual(docs.map((d) => d.id));

		const groups: unknown[][] = [];
		for await (const group of bulkGetGroups(db.record, access, { docs, revs: true, latest: true }))
			groups.push(group);
		expect(groups.length).toBeGreaterThan(1);
		expect(groups.flat()).toEqual(got.results);
	});

	it('keeps the entries of one document together, and answers a repeated id as before', async () => {
		const access = await accessOf('virtual-school');
		const readable = demo.documents.filter((d) => mayRead(access, d._id!)).map((d) => d._id!);
		const rev = async (id: string) => (await db.record.get(id))._rev;
		// Two entries of one id in a row, straddling where a group of 50 would end.
		const together: { id: string; rev?: string }[] = readable.slice(0, 49).map((id) => ({ id }));
		const twice = readable[49]!;
		together.push({ id: twice, rev: await rev(twice) }, { id: twice, rev: await rev(twice) });
		together.push(...readable.slice(50, 120).map((id) => ({ id })));
		const got = await bulkGet(db.record, access, { docs: together, revs: true, latest: true });
		expect(got.results).toEqual(await direct(access, together));

		// Two revisions of one document, as a device asks for both sides of a conflict.
		const id = readable[5]!;
		const winner = await db.record.get<Record<string, unknown>>(id);
		const [generation] = winner._rev.split('-');
		const other = `${Number(generation) + 1}-${'f'.repeat(32)}`;
		const mine = `${Number(generation) + 1}-${'0'.repeat(32)}`;
		await db.record.bulkDocs(
			[
				{ ...winner, _rev: other, _revisions: undefined },
				{ ...winner, _rev: mine, _revisions: undefined }
			].map((d) => ({
				...d,
				_revisions: {
					start: Number(generation) + 1,
					ids: [d._rev.split('-')[1]!, winner._rev.split('-')[1]!]
				}
			})),
			{ new_edits: false }
		);
		const both = await bulkGet(db.record, access, {
			docs: [
				{ id, rev: mine },
				{ id, rev: other }
			],
			revs: true
		});
		expect(both.results.map((r) => (r.docs[0] as { ok?: { _rev: string } }).ok?._rev)).toEqual([
			mine,
			other
		]);

		// The same id again far down the list.
		const apart = [...readable.slice(0, 80), readable[3]!].map((id) => ({ id }));
		const again = await bulkGet(db.record, access, { docs: apart, revs: true, latest: true });
		expect(again.results).toEqual(await direct(access, apart));
	});
});

describe('writes', () => {
	async function current(id: string) {
		return db.record.get<Record<string, unknown>>(id);
	}
	function edited(
		doc: Record<string, unknown>,
		by: string,
		change: (d: Record<string, unknown>) => void = () => {}
	) {
		const copy = structuredClone(doc);
		change(copy);
		copy.updated = { by, at: '2026-11-23T10:00:00.000Z' };
		return copy;
	}

	it('store a valid edit to a part the role owns, as one new revision', async () => {
		const access = await accessOf('social-worker');
		const id = docsOf([...access.childIds][0]!).find((d) => d.type === 'pep-a')!._id!;
		const doc = await current(id);
		const [result] = await writeDocuments(
			db.record,
			access,
			[
				edited(
					doc,
					access.userId,
					(d) => ((d.socialWorkerInformation as { history: string }).history += ' More.')
				)
			],
			true
		);
		expect(result).toMatchObject({ ok: true, id });
		expect((await current(id))._rev).toMatch(/^2-/);
	});

	it('refuse, each with its reason, and store nothing of what they refuse', async () => {
		const whole = await accessOf('social-worker');
		// A PEP being prepared, so that every step of its lifecycle is still ahead.
		const { childId, pepId } = demo.cast.meetingThisWeek!;
		// One child on this caseload, so that the others are children not assigned.
		const sw: Access = { ...whole, childIds: new Set([childId]) };
		const a = await current(ids.pepPart(childId, pepId, 'a'));
		const b = await current(ids.pepPart(childId, pepId, 'b'));
		const header = await current(ids.pep(childId, pepId));
		const otherChild = demo.children.find((c) => !sw.childIds.has(c.childId))!;
		const otherA = await current(docsOf(otherChild.childId).find((d) => d.type === 'pep-a')!._id!);
		const cases: [string, unknown, RegExp][] = [
			['another role’s part', edited(b, sw.userId), /may not change this part/],
			['a child not assigned', edited(otherA, sw.userId), /do not have access to this child/],
			[
				'an invalid value',
				edited(a, sw.userId, (d) => (d.personalCare = { complete: 'yes' })),
				/personalCare\.complete/
			],
			[
				'a forged authority',
				edited(a, sw.userId, (d) => (d.authorityId = 'another-council')),
				/authorityId/
			],
			['a forged school', edited(a, sw.userId, (d) => (d.schoolId = 'forged-school')), /schoolId/],
			['a forged author', edited(a, 'someone-else'), /updated\.by/],
			['a design document', { _id: '_design/evil', views: {} }, /not the id of a record document/],
			['an assignment', { _id: ids.assignment(sw.userId), type: 'assignment' }, /Only the server/],
			['a deletion', { _id: a._id, _rev: a._rev, _deleted: true }, /cannot be deleted/],
			[
				'a jump in the lifecycle',
				edited(header, sw.userId, (d) => (d.status = 'shared')),
				/cannot go from|cannot move/
			],
			[
				'a new child',
				{
					...edited(await current(ids.child(childId)), sw.userId),
					_id: ids.child('brand-new-child'),
					childId: 'brand-new-child',
					_rev: undefined
				},
				/do not have access|added by an administrator/
			],
			['not an object', 'a string', /JSON object/],
			['no id', { type: 'pep-a' }, /needs an _id/]
		];
		const results = await writeDocuments(
			db.record,
			sw,
			cases.map(([, doc]) => doc),
			true
		);
		results.forEach((result, i) => {
			const [name, , reason] = cases[i]!;
			expect('error' in result && result.reason, name).toMatch(reason);
		});
		expect((await current(a._id as string))._rev).toBe(a._rev);
	});

	it('let a device close the losing side of a conflict it merged, and nothing more', async () => {
		const sw = await accessOf('social-worker');
		const [first, second] = [...sw.childIds];
		const aOf = async (childId: string) =>
			current(docsOf(childId).find((d) => d.type === 'pep-a')!._id!);
		/** A revision written with new_edits=false, as replication sends it, after `parent`. */
		const after = (
			parent: Record<string, unknown>,
			body: Record<string, unknown>,
			hash: string
		) => {
			const [n, parentHash] = String(parent._rev).split('-') as [string, string];
			const ancestors = (parent._revisions as { ids: string[] } | undefined)?.ids ?? [parentHash];
			return {
				...body,
				_id: parent._id,
				_rev: `${Number(n) + 1}-${hash}`,
				_revisions: { start: Number(n) + 1, ids: [hash, ...ancestors] }
			};
		};
		const closing = (parent: Record<string, unknown>, hash: string) =>
			after(parent, { _deleted: true }, hash);
		const note = (doc: Record<string, unknown>, words: string) =>
			edited(
				doc,
				sw.userId,
				(d) => ((d.socialWorkerInformation as { history: string }).history += words)
			);

		// The device's own edit lost the merge before it was ever sent: its closed branch is new here.
		const a = await aOf(first!);
		const lost = after(a, note(a, ' Lost to the merge.'), 'c0ffee00000000000000000000000001');
		const merged = after(a, note(a, ' Merged.'), 'c0ffee00000000000000000000000002');
		const [mergedOk, closedOk] = await writeDocuments(
			db.record,
			sw,
			[merged, closing(merged, 'c0ffee00000000000000000000000003')],
			false
		);
		expect(mergedOk).toMatchObject({ ok: true });
		expect(closedOk).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(/cannot be deleted/)
		});
		const [sideOk] = await writeDocuments(
			db.record,
			sw,
			[closing(lost, 'c0ffee00000000000000000000000004')],
			false
		);
		expect(sideOk).toMatchObject({ ok: true });
		expect((await current(a._id as string))._rev).toBe(merged._rev);

		// The server's own branch lost: the merge and the closing arrive together, and both are kept.
		const b = await aOf(second!);
		const theirs = after(b, note(b, ' From the other device.'), 'c0ffee00000000000000000000000005');
		const results = await writeDocuments(
			db.record,
			sw,
			[closing(b, 'c0ffee00000000000000000000000006'), theirs],
			false
		);
		expect(results).toMatchObject([{ ok: true }, { ok: true }]);
		expect((await current(b._id as string))._rev).toBe(theirs._rev);

		// A closing that carries content, or that comes with a merge the server refuses, is refused.
		const c = await current(b._id as string);
		const [withContent] = await writeDocuments(
			db.record,
			sw,
			[{ ...closing(c, 'c0ffee00000000000000000000000007'), note: 'hidden' }],
			false
		);
		expect(withContent).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(/only its id/)
		});
		const forged = after(c, edited(c, 'someone-else'), 'c0ffee00000000000000000000000008');
		const refusedPair = await writeDocuments(
			db.record,
			sw,
			[closing(c, 'c0ffee00000000000000000000000009'), forged],
			false
		);
		expect(refusedPair).toMatchObject([{ error: 'forbidden' }, { error: 'forbidden' }]);
		expect((await current(b._id as string))._rev).toBe(c._rev);
	});

	it('let a designated teacher fill in Section B but not sign a PEP as quality-assured', async () => {
		const dt = await accessOf('designated-teacher');
		const childId = [...dt.childIds][0]!;
		const b = await current(docsOf(childId).find((d) => d.type === 'pep-b')!._id!);
		const [ok] = await writeDocuments(
			db.record,
			dt,
			[
				edited(
					b,
					dt.userId,
					(d) => ((d.progressOverview as { text: string }).text += ' Well done.')
				)
			],
			true
		);
		expect(ok).toMatchObject({ ok: true });
		const header = await current(
			docsOf(childId).find((d) => d.type === 'pep' && d.status === 'dt-signed')?._id ??
				docsOf(childId).find((d) => d.type === 'pep')!._id!
		);
		const [refused] = await writeDocuments(
			db.record,
			dt,
			[edited(header, dt.userId, (d) => (d.status = 'qa-passed'))],
			true
		);
		expect(refused).toMatchObject({ error: 'forbidden' });
	});

	it('let a designated teacher ask for Pupil Premium Plus, but not approve it', async () => {
		const dt = await accessOf('designated-teacher');
		const childId = [...dt.childIds].find((c) => docsOf(c).some((d) => d.type === 'pep-pp'))!;
		const pp = await current(docsOf(childId).find((d) => d.type === 'pep-pp')!._id!);
		const request = {
			requestId: 'req-new-tutor',
			description: 'A reading tutor for the spring term',
			amountPence: 45_000,
			requestedBy: dt.userId,
			requestedAt: '2026-11-23T10:00:00.000Z',
			decision: 'pending',
			decisionNotes: ''
		};
		const asking = edited(pp, dt.userId, (d) => (d.requests as unknown[]).push(request));
		const [asked] = await writeDocuments(db.record, dt, [asking], true);
		expect(asked).toMatchObject({ ok: true });
		const stored = await current(pp._id as string);
		const approving = edited(stored, dt.userId, (d) => {
			const mine = (d.requests as (typeof request)[]).find(
				(r) => r.requestId === request.requestId
			)!;
			Object.assign(mine, {
				decision: 'approved',
				decidedBy: { userId: dt.userId, name: 'A teacher' },
				decidedAt: '2026-11-23T11:00:00.000Z'
			});
		});
		const [refused] = await writeDocuments(db.record, dt, [approving], true);
		expect(refused).toMatchObject({
			error: 'forbidden',
			reason: expect.stringMatching(/Only the Virtual School decides/)
		});
		expect((await current(pp._id as string))._rev).toBe(stored._rev);
	});

	it('let the personal adviser complete a post-16 PETP, but not change a PEP’s kind or complete one of school age', async () => {
		const pa = await accessOf('personal-adviser');
		const headers = [...pa.childIds].flatMap((childId) =>
			docsOf(childId).filter((d) => d.type === 'pep')
		) as { _id: string; kind: string }[];
		const post16 = headers.find((h) => h.kind === 'post-16')!;
		// Put the PETP where the adviser's step comes next: signed by the social worker.
		const waiting = await current(post16._id);
		waiting.status = 'sw-signed';
		await db.record.put(waiting);
		const [completed] = await writeDocuments(
			db.record,
			pa,
			[edited(await current(post16._id), pa.userId, (d) => (d.status = 'petp-completed'))],
			true
		);
		expect(completed).toMatchObject({ ok: true });

		const [kindChanged] = await writeDocuments(
			db.record,
			pa,
			[edited(await current(post16._id), pa.userId, (d) => (d.kind = 'school-age'))],
			true
		);
		expect(kindChanged).toMatchObject({ error: 'forbidden' });
		expect((kindChanged as { reason: string }).reason).toMatch(/kind cannot change/);

		// The same step on a PEP of school age is refused: a designated teacher completes those.
		const vs = await accessOf('virtual-school');
		const schoolAge = demo.documents.find(
			(d): d is PepHeader =>
				d.type === 'pep' && d.kind === 'school-age' && vs.childIds.has(d.childId)
		)!;
		const stored = await current(schoolAge._id!);
		stored.status = 'sw-signed';
		await db.record.put(stored);
		const everywhere: Access = { ...pa, childIds: new Set([...pa.childIds, schoolAge.childId]) };
		const [refused] = await writeDocuments(
			db.record,
			everywhere,
			[edited(await current(schoolAge._id!), pa.userId, (d) => (d.status = 'petp-completed'))],
			true
		);
		expect((refused as { reason: string }).reason).toMatch(/cannot go from "sw-signed"/);
	});
});
