/**
 * Who may read and write which kinds of document, by role: the policy the gateway enforces and
 * the app uses to show only what a person may change. Which *children* a person reaches comes
 * from their assignment, resolved on the server (src/lib/server/gateway/access.ts).
 */
import type { DocumentKind } from './ids';
import type { Role } from './schemas/users';

const childRecord: DocumentKind[] = [
	'child',
	'child-attachment',
	'pep',
	'pep-attachment',
	'pep-a',
	'pep-b',
	'pep-targets',
	'pep-voice',
	'pep-carer',
	'pep-petp',
	'pep-qa',
	'pep-pp'
];

/** The parts of a PEP a carer may read once the PEP has been shared with them. */
export const sharedPlanKinds: DocumentKind[] = [
	'pep-a',
	'pep-b',
	'pep-targets',
	'pep-voice',
	'pep-petp',
	'pep-attachment'
];

/**
 * What each role may read of a child it reaches. A young person sees the PEP's header (when and
 * where the meeting is), their own My Voice and the targets written to them, nothing else; a carer
 * sees their own views always and the rest of the plan once it is shared.
 */
export const readableKinds: Record<Role, readonly DocumentKind[]> = {
	'social-worker': childRecord,
	'designated-teacher': childRecord,
	'virtual-school': childRecord,
	'personal-adviser': childRecord,
	iro: childRecord,
	'young-person': ['pep', 'pep-voice', 'pep-targets'],
	carer: ['pep', 'pep-carer', ...sharedPlanKinds],
	admin: []
};

/** What each role may write: the parts it owns (ARCHITECTURE.md, "Documents and access"). */
export const writableKinds: Record<Role, readonly DocumentKind[]> = {
	'social-worker': ['child', 'child-attachment', 'pep', 'pep-a', 'pep-attachment'],
	'designated-teacher': ['pep', 'pep-b', 'pep-targets', 'pep-voice', 'pep-pp', 'pep-attachment'],
	'personal-adviser': ['pep', 'pep-petp', 'pep-targets', 'pep-attachment'],
	// The Virtual School prepares the PEP of a child with no setting (Shropshire), so it may write
	// Section B and the targets as well as its own quality assurance and PP+ decisions.
	'virtual-school': ['pep', 'pep-b', 'pep-targets', 'pep-qa', 'pep-pp', 'pep-attachment'],
	'young-person': ['pep-voice'],
	carer: ['pep-carer'],
	iro: [],
	admin: []
};

export function mayReadKind(role: Role, kind: DocumentKind): boolean {
	return readableKinds[role].includes(kind);
}

export function mayWriteKind(role: Role, kind: DocumentKind): boolean {
	return writableKinds[role].includes(kind);
}

/** Document kinds no device may ever write: the server keeps them. */
export const serverOnlyKinds: DocumentKind[] = ['authority', 'assignment'];
