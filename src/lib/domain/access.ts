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

/**
 * How much of a PEP's header each role reads. Everyone who reaches a PEP reads when, where and how
 * its meeting is held, who chairs it and who is invited (with their role and organisation), where
 * the PEP is in its lifecycle and when the next one is: a young person and a carer come to the
 * meeting. Only the professionals around the child read the rest: the invitees' contact details
 * (a birth parent's phone number is not the carer's to have), their and the chair's accounts, and
 * the notes written as the PEP moved on (why quality assurance returned it), which are about the
 * work on the plan, not the plan. A family reader keeps the account id of their own invitation.
 */
export const readsWholeHeader: Record<Role, boolean> = {
	'social-worker': true,
	'designated-teacher': true,
	'virtual-school': true,
	'personal-adviser': true,
	iro: true,
	'young-person': false,
	carer: false,
	admin: false
};

type Loose = Record<string, unknown>;
const isObject = (value: unknown): value is Loose =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const without = (value: Loose, keys: string[]): Loose =>
	Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));

/**
 * A PEP header as `readerId`, in `role`, reads it. Works on the stored document as it is (any
 * schema version, even one that does not parse), taking fields away and adding none, so what a
 * device stores under a revision is always a part of that revision.
 */
export function headerAsReadBy<T extends object>(header: T, role: Role, readerId: string): T {
	if (readsWholeHeader[role]) return header;
	const stored = header as Loose;
	const seen: Loose = { ...stored };
	if (Array.isArray(stored.invitees)) {
		seen.invitees = stored.invitees.map((invitee: unknown) =>
			isObject(invitee)
				? without(invitee, invitee.userId === readerId ? ['contact'] : ['contact', 'userId'])
				: invitee
		);
	}
	if (Array.isArray(stored.history)) {
		seen.history = stored.history.map((change: unknown) =>
			isObject(change) ? without(change, ['note']) : change
		);
	}
	if (isObject(stored.chair)) seen.chair = without(stored.chair, ['userId']);
	return seen as T;
}

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

/**
 * Why this role may not write this kind for a child with this setting, or null when it may.
 * Section B is the designated teacher's; the Virtual School writes it only for a child with no
 * setting, whose PEP it prepares itself (Shropshire). Elsewhere the officer reads it.
 */
export function settingRefusal(
	role: Role,
	kind: DocumentKind,
	child: { schoolId: string | null }
): string | null {
	if (role === 'virtual-school' && kind === 'pep-b' && child.schoolId !== null) {
		return "The Virtual School writes Section B only for a child with no setting: this child's designated teacher writes it.";
	}
	return null;
}

/** Document kinds no device may ever write: the server keeps them. */
export const serverOnlyKinds: DocumentKind[] = ['authority', 'assignment'];
