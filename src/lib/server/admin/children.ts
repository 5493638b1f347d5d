/**
 * An administrator opens a child's record: `child:{childId}` in the record database. The id and
 * the stamps the gateway authorizes by (childId, authorityId, schoolId) are written here, never
 * taken from the request, so a record cannot be filed under another authority or school.
 */
import { z } from 'zod';
import { parseDocument } from '$lib/domain/documents';
import { ids, newId } from '$lib/domain/ids';
import { childProfile, type ChildProfile } from '$lib/domain/schemas/child';
import { describeErrors } from '$lib/domain/schemas/errors';
import { AdminRefusal, parseInput } from './refusal';

/** The profile as an administrator gives it: everything but the id, stamps and authorship. */
export const newChild = childProfile.omit({
	_id: true,
	_rev: true,
	_attachments: true,
	type: true,
	schemaVersion: true,
	childId: true,
	authorityId: true,
	schoolId: true,
	updated: true
});
export type NewChild = z.input<typeof newChild>;

/** Who is creating the record: their authority is the child's. */
export interface Creator {
	userId: string;
	authorityId: string;
}

export async function createChild(
	record: PouchDB.Database,
	creator: Creator,
	input: NewChild
): Promise<ChildProfile> {
	const profile = parseInput(newChild, input);
	const childId = newId();
	const doc = {
		...profile,
		_id: ids.child(childId),
		type: 'child' as const,
		schemaVersion: 1 as const,
		childId,
		authorityId: creator.authorityId,
		// The setting at the time of writing is what a designated teacher is assigned by.
		schoolId: profile.setting.kind === 'none' ? null : (profile.setting.settingId ?? null),
		updated: { by: creator.userId, at: new Date().toISOString() }
	};
	const checked = parseDocument(doc);
	if (!checked.ok || checked.kind !== 'child') {
		throw new AdminRefusal(
			400,
			checked.ok ? 'This is not a child record.' : describeErrors(checked.errors)
		);
	}
	const { rev } = await record.put(doc);
	return { ...checked.doc, _rev: rev };
}
