/**
 * What a new document of a child's record carries from the moment it is made: its type, its
 * schema's version, and the stamps (child, authority, school, and PEP for a PEP's parts) that
 * the gateway authorizes and routes it by. Made here, once, so a document started by a part's
 * page, My Voice, meeting mode, a new PEP or a new file is stamped the same way.
 */
import type { DocumentKind } from '../ids';
import type { ChildProfile } from '../schemas/child';
import type { PepHeader } from '../schemas/pep';

export type ChildStamps = Pick<ChildProfile, 'childId' | 'authorityId' | 'schoolId'>;
export type PepStamps = Pick<PepHeader, 'childId' | 'authorityId' | 'schoolId' | 'pepId'>;

/** The first fields of a new document about a child, stamped from their profile. */
export function newChildDocument(type: string, child: ChildStamps) {
	return {
		type,
		schemaVersion: 1,
		childId: child.childId,
		authorityId: child.authorityId,
		schoolId: child.schoolId
	};
}

/** A PEP part's first document: its kind, the PEP's stamps, and what the kind needs. */
export function newPartDocument(
	kind: DocumentKind,
	header: PepStamps & Pick<PepHeader, 'term'>
): Record<string, unknown> {
	return {
		...newChildDocument(kind, header),
		pepId: header.pepId,
		...partDefaults(kind, header)
	};
}

/** Fields a new part of this kind needs beyond the stamps, taken from its PEP. */
export function partDefaults(
	kind: DocumentKind,
	header: Pick<PepHeader, 'term'>
): Record<string, unknown> {
	// Section B's assessments belong to the PEP's term.
	return kind === 'pep-b' ? { term: header.term } : {};
}
