/**
 * What a user may see: their `assign:{userId}` document in the record database, which the gateway
 * reads on every request. Only this path writes it, and only with the kind of assignment the
 * user's role takes (a social worker holds children, a designated teacher schools, …).
 */
import { z } from 'zod';
import { parseDocument } from '$lib/domain/documents';
import { ids } from '$lib/domain/ids';
import { opaqueId } from '$lib/domain/schemas/common';
import { assignmentScope, roleNames, type Assignment, type Role } from '$lib/domain/schemas/users';
import { describeErrors } from '$lib/domain/schemas/errors';
import type { Databases } from '$lib/server/store/databases';
import { isConflict, isNotFound } from '$lib/server/store/databases';
import { AdminRefusal, parseInput } from './refusal';
import { existingUser } from './users';

const idList = z.array(opaqueId).max(10_000, 'must list at most 10,000 ids');

/** The lists to set; a list left out keeps what the user holds now. */
export const assignmentChange = z
	.strictObject({
		childIds: idList.optional(),
		schoolIds: idList.optional(),
		authorityIds: idList.optional()
	})
	.refine((c) => Boolean(c.childIds ?? c.schoolIds ?? c.authorityIds), {
		error: 'must give childIds, schoolIds or authorityIds'
	});
export type AssignmentChange = z.input<typeof assignmentChange>;

export type AssignmentView = Pick<
	Assignment,
	'userId' | 'role' | 'childIds' | 'schoolIds' | 'authorityIds' | 'updatedAt'
>;

const fields = { children: 'childIds', schools: 'schoolIds', authorities: 'authorityIds' } as const;

export async function setAssignment(
	db: Pick<Databases, 'record' | 'users'>,
	userId: string,
	input: AssignmentChange,
	/** The authority of the administrator making the change, who may assign only within it. */
	within?: string
): Promise<AssignmentView> {
	const change = parseInput(assignmentChange, input);
	const account = await existingUser(db.users, userId, within);
	const scope = assignmentScope[account.role];
	refuseOutOfScope(account.role, change);
	const held = scope === 'none' ? undefined : change[fields[scope]];
	const given = held ? [...new Set(held)].sort() : undefined;
	if (scope === 'children' && given)
		await refuseUnknownChildren(db.record, account.role, given, within);
	if (scope === 'authorities' && given && within !== undefined) {
		const others = given.filter((id) => id !== within);
		if (others.length > 0)
			throw new AdminRefusal(403, `authorityIds: you administer ${within} only, not ${others[0]}.`);
	}

	const id = ids.assignment(account.userId);
	for (let attempt = 0; attempt < 5; attempt += 1) {
		const existing = await read(db.record, id);
		const keep = (kind: keyof typeof fields) =>
			kind !== scope
				? []
				: (given ?? (existing?.role === account.role ? existing[fields[kind]] : []));
		const doc = {
			_id: id,
			...(existing?._rev ? { _rev: existing._rev } : {}),
			type: 'assignment' as const,
			schemaVersion: 1 as const,
			userId: account.userId,
			role: account.role,
			childIds: keep('children'),
			schoolIds: keep('schools'),
			authorityIds: keep('authorities'),
			updatedAt: new Date().toISOString()
		};
		const checked = parseDocument(doc);
		if (!checked.ok)
			throw new Error(`An assignment failed its schema: ${describeErrors(checked.errors)}`);
		try {
			await db.record.put(doc);
			const { _id, _rev, type, schemaVersion, ...view } = doc;
			return view;
		} catch (error) {
			if (!isConflict(error)) throw error;
			// Written by another request at the same moment: read it again and apply this change.
		}
	}
	throw new AdminRefusal(409, 'The assignment is being changed by someone else: try again.');
}

function refuseOutOfScope(role: Role, change: z.infer<typeof assignmentChange>): void {
	const scope = assignmentScope[role];
	for (const [kind, field] of Object.entries(fields)) {
		if (kind === scope || (change[field]?.length ?? 0) === 0) continue;
		throw new AdminRefusal(
			400,
			scope === 'none'
				? `${field}: ${roleNames[role]} accounts are not assigned anything.`
				: `${field}: ${roleNames[role]} accounts are assigned ${scope}, not ${kind}.`
		);
	}
	if (role === 'young-person' && (change.childIds?.length ?? 0) > 1) {
		throw new AdminRefusal(
			400,
			'childIds: a young person is assigned only their own child record, so give one id.'
		);
	}
}

/** A typo in a child's id would otherwise assign nothing, silently. */
async function refuseUnknownChildren(
	record: PouchDB.Database,
	role: Role,
	childIds: string[],
	within: string | undefined
): Promise<void> {
	if (childIds.length === 0) return;
	const found = await record.allDocs({
		keys: childIds.map((childId) => ids.child(childId)),
		include_docs: true
	});
	// Another authority's child is not this administrator's to find, so it is named as missing.
	const missing = found.rows
		.filter(
			(row) =>
				'error' in row ||
				row.value.deleted ||
				(within !== undefined &&
					(row.doc as { authorityId?: unknown } | null | undefined)?.authorityId !== within)
		)
		.map((row) => row.key.slice('child:'.length));
	if (missing.length > 0) {
		throw new AdminRefusal(
			400,
			`childIds: there is no child record with the id ${missing.slice(0, 10).join(', ')}` +
				` (create the child first, then assign them to this ${roleNames[role].toLowerCase()}).`
		);
	}
}

async function read(record: PouchDB.Database, id: string): Promise<Assignment | null> {
	try {
		return await record.get<Assignment>(id);
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
}
