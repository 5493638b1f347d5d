/**
 * What one signed-in person may reach, resolved from their assignment at request time (never
 * cached between requests, so a withdrawn child is gone on the next request). The fingerprint
 * changes whenever that set changes; the gateway puts it into every sequence it hands out, so a
 * device's replication checkpoint from before a new child was assigned cannot hide that child's
 * older documents.
 */
import { createHash } from 'node:crypto';
import { headerAsReadBy, mayReadKind, mayWriteKind, sharedPlanKinds } from '$lib/domain/access';
import { parseId, type ParsedId } from '$lib/domain/ids';
import { assignment as assignmentSchema } from '$lib/domain/schemas/users';
import type { Role } from '$lib/domain/schemas/users';
import type { Session } from '../auth/session-cookie';
import { isNotFound } from '../store/databases';
import { scopeIndexOf } from './scope-index';

export interface Access {
	userId: string;
	role: Role;
	authorityId: string;
	childIds: ReadonlySet<string>;
	/** Carers only: PEPs shared with them, whose plan they may read. */
	sharedPepIds: ReadonlySet<string>;
	fingerprint: string;
}

export async function resolveAccess(
	record: PouchDB.Database,
	session: Pick<Session, 'userId' | 'role'>,
	authorityId: string
): Promise<Access> {
	const assignment = await readAssignment(record, session.userId);
	const childIds = new Set(assignment?.childIds ?? []);
	const scopes = [
		...(assignment?.schoolIds ?? []).map((id): ['school', string] => ['school', id]),
		...(assignment?.authorityIds ?? []).map((id): ['authority', string] => ['authority', id])
	];
	const index = await scopeIndexOf(record);
	for (const childId of index.childrenIn(scopes)) childIds.add(childId);
	const sharedPepIds = session.role === 'carer' ? index.sharedPeps(childIds) : new Set<string>();
	const fingerprint = createHash('sha256')
		.update(JSON.stringify([session.role, [...childIds].sort(), [...sharedPepIds].sort()]))
		.digest('base64url')
		.slice(0, 12);
	return {
		userId: session.userId,
		role: session.role,
		authorityId,
		childIds,
		sharedPepIds,
		fingerprint
	};
}

async function readAssignment(record: PouchDB.Database, userId: string) {
	try {
		const parsed = assignmentSchema.safeParse(await record.get(`assign:${userId}`));
		return parsed.success ? parsed.data : null;
	} catch (error) {
		if (isNotFound(error)) return null;
		throw error;
	}
}

/** May this person read the document with this id? Decided from the id alone, so tombstones too. */
export function mayRead(access: Access, id: string | ParsedId | null): boolean {
	const parsed = typeof id === 'string' ? parseId(id) : id;
	if (!parsed) return false;
	switch (parsed.kind) {
		case 'assignment':
			return parsed.userId === access.userId;
		case 'authority':
			return parsed.authorityId === access.authorityId;
		default:
			if (!access.childIds.has(parsed.childId)) return false;
			if (!mayReadKind(access.role, parsed.kind)) return false;
			if (access.role === 'carer' && sharedPlanKinds.includes(parsed.kind)) {
				return 'pepId' in parsed && access.sharedPepIds.has(parsed.pepId);
			}
			return true;
	}
}

/**
 * A readable document as this person receives it on every read path: whole, except a PEP's
 * header, of which a family reader receives less (`headerAsReadBy`). Anything else is returned
 * as it came.
 */
export function asReadBy<T>(access: Access, doc: T): T {
	if (typeof doc !== 'object' || doc === null || !('_id' in doc)) return doc;
	const id = (doc as { _id: unknown })._id;
	if (typeof id !== 'string' || parseId(id)?.kind !== 'pep') return doc;
	return headerAsReadBy(doc, access.role, access.userId);
}

/** Why this person may not write this document, or null when they may. */
export function writeRefusal(access: Access, parsed: ParsedId): string | null {
	if (parsed.kind === 'assignment' || parsed.kind === 'authority') {
		return 'Only the server writes assignments and authority settings.';
	}
	if (!access.childIds.has(parsed.childId)) {
		return 'You do not have access to this child.';
	}
	if (!mayWriteKind(access.role, parsed.kind)) {
		return `A ${access.role.replace('-', ' ')} may not change this part of the record.`;
	}
	return null;
}
