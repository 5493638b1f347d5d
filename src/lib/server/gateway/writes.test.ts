/**
 * Writes against a real on-disk PouchDB: which are stored, which are refused and why. The same
 * rules are exercised over HTTP by tests/integration.
 */
import { describe, expect, it } from 'vitest';
import { ids } from '$lib/domain/ids';
import type { PepHeader } from '$lib/domain/schemas/pep';
import { useGeneratedAuthority } from '../testing/generated-authority';
import type { Access } from './access';
import { writeDocuments } from './writes';

const fixture = useGeneratedAuthority();
const { demo, accessOf, docsOf } = fixture;

describe('writes', () => {
	async function current(id: string) {
		return fixture.db.record.get<Record<string, unknown>>(id);
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
			fixture.db.record,
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
			fixture.db.record,
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
			fixture.db.record,
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
			fixture.db.record,
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
			fixture.db.record,
			sw,
			[closing(b, 'c0ffee00000000000000000000000006'), theirs],
			false
		);
		expect(results).toMatchObject([{ ok: true }, { ok: true }]);
		expect((await current(b._id as string))._rev).toBe(theirs._rev);

		// A closing that carries content, or that comes with a merge the server refuses, is refused.
		const c = await current(b._id as string);
		const [withContent] = await writeDocuments(
			fixture.db.record,
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
			fixture.db.record,
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
			fixture.db.record,
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
			fixture.db.record,
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
		const [asked] = await writeDocuments(fixture.db.record, dt, [asking], true);
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
		const [refused] = await writeDocuments(fixture.db.record, dt, [approving], true);
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
		await fixture.db.record.put(waiting);
		const [completed] = await writeDocuments(
			fixture.db.record,
			pa,
			[edited(await current(post16._id), pa.userId, (d) => (d.status = 'petp-completed'))],
			true
		);
		expect(completed).toMatchObject({ ok: true });

		const [kindChanged] = await writeDocuments(
			fixture.db.record,
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
		await fixture.db.record.put(stored);
		const everywhere: Access = { ...pa, childIds: new Set([...pa.childIds, schoolAge.childId]) };
		const [refused] = await writeDocuments(
			fixture.db.record,
			everywhere,
			[edited(await current(schoolAge._id!), pa.userId, (d) => (d.status = 'petp-completed'))],
			true
		);
		expect((refused as { reason: string }).reason).toMatch(/cannot go from "sw-signed"/);
	});
});
