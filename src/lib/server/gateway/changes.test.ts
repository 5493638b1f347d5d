/**
 * The changes feed against a real on-disk PouchDB: only what the person may read, page by page,
 * and from the start again when their access changes. Exercised over HTTP by tests/integration.
 */
import { describe, expect, it } from 'vitest';
import { ids } from '$lib/domain/ids';
import { useGeneratedAuthority } from '../testing/generated-authority';
import { mayRead, type Access } from './access';
import { readChanges } from './changes';

const fixture = useGeneratedAuthority();
const { demo, accessOf } = fixture;

describe('the changes feed', () => {
	it('carries only readable documents, page by page, to the same end as one read', async () => {
		const access = await accessOf('social-worker');
		const whole = await readChanges(fixture.db.record, access, { style: 'all_docs' });
		expect(whole.results.every((r) => mayRead(access, r.id))).toBe(true);
		const expected = [...demo.documents, ...demo.assignments].filter((d) =>
			mayRead(access, d._id!)
		).length;
		expect(whole.results).toHaveLength(expected);

		const paged: string[] = [];
		let since: string | undefined;
		for (;;) {
			const page = await readChanges(fixture.db.record, access, { since, limit: 7 });
			paged.push(...page.results.map((r) => r.id));
			since = page.last_seq;
			if (page.results.length < 7) break;
		}
		expect(paged).toEqual(whole.results.map((r) => r.id));
	});

	it('starts again from the beginning when the person’s access has changed since the checkpoint', async () => {
		const access = await accessOf('social-worker');
		const end = (await readChanges(fixture.db.record, access, {})).last_seq;
		expect((await readChanges(fixture.db.record, access, { since: end })).results).toHaveLength(0);
		const widened: Access = {
			...access,
			childIds: new Set([...access.childIds, demo.children.at(-1)!.childId]),
			fingerprint: 'other'
		};
		const restarted = await readChanges(fixture.db.record, widened, { since: end });
		expect(restarted.results.map((r) => r.id)).toContain(ids.child(demo.children.at(-1)!.childId));
	});

	it('answers doc_ids only for readable documents', async () => {
		const access = await accessOf('young-person');
		const childId = [...access.childIds][0]!;
		const hidden = await readChanges(fixture.db.record, access, { docIds: [ids.child(childId)] });
		expect(hidden.results).toEqual([]);
	});

	it('sends a fresh device its snapshot in pages no longer than asked, then carries on with the feed', async () => {
		const access = await accessOf('virtual-school');
		const first = await readChanges(fixture.db.record, access, { limit: 25 });
		expect(first.results).toHaveLength(25);
		expect(first.pending).toBeGreaterThan(0);
		const second = await readChanges(fixture.db.record, access, {
			since: first.last_seq,
			limit: 25
		});
		expect(second.results).toHaveLength(25);
		const firstIds = new Set(first.results.map((r) => r.id));
		expect(second.results.some((r) => firstIds.has(r.id))).toBe(false);
	});
});
