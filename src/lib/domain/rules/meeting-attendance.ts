/**
 * The attendance sheet at the meeting: everyone expected (those invited, and those the child's
 * record says should be there — the young person, their carers, their social worker and
 * designated teacher — and the person holding the tablet), ticked as they arrive. A tick is kept
 * in the PEP's list of invitees, where the plan and the Virtual School's quality check read who
 * attended; someone ticked who was not on the list is added to it.
 */
import type { Invitee } from '../schemas/pep';

type InviteeRole = Invitee['role'];
type AttendanceState = Invitee['attendance'];

export interface ExpectedPerson {
	/** Stable while the person moves from "expected" to "on the list", so focus stays put. */
	key: string;
	name: string;
	role: InviteeRole;
	userId?: string;
	/** Set once they are on the PEP's list of invitees. */
	inviteeId?: string;
	attendance: AttendanceState | null;
	arrived: boolean;
}

export interface AttendanceSheetInput {
	invitees: readonly Invitee[];
	child: { name: string };
	carers: readonly { name: string }[];
	keyContacts: readonly { role: string; name: string }[];
	/** The person using meeting mode: they are at the table. */
	me: { userId: string; name: string; role: string } | null;
}

/** The order people are listed in: the young person first, as the meeting starts with them. */
const roleOrder: InviteeRole[] = [
	'young-person',
	'carer',
	'parent',
	'social-worker',
	'designated-teacher',
	'virtual-school',
	'personal-adviser',
	'iro',
	'educational-psychologist',
	'camhs',
	'sen-officer',
	'other'
];

const sameName = (a: string, b: string) =>
	a.trim().toLocaleLowerCase('en-GB') === b.trim().toLocaleLowerCase('en-GB');

const keyOf = (role: InviteeRole, name: string) =>
	`${role}:${name.trim().toLocaleLowerCase('en-GB')}`;

/** A key contact's role as written ("Social worker") read as an invitee's role, if it is one. */
export function roleFromContact(written: string): InviteeRole | null {
	const words = written.trim().toLocaleLowerCase('en-GB');
	if (/social worker/.test(words)) return 'social-worker';
	if (/designated teacher|designated tutor/.test(words)) return 'designated-teacher';
	if (/virtual school/.test(words)) return 'virtual-school';
	if (/personal adviser/.test(words)) return 'personal-adviser';
	if (/independent reviewing|\biro\b/.test(words)) return 'iro';
	if (/educational psychologist/.test(words)) return 'educational-psychologist';
	if (/camhs|cyps/.test(words)) return 'camhs';
	if (/sen officer|senco/.test(words)) return 'sen-officer';
	return null;
}

export function expectedPeople(input: AttendanceSheetInput): ExpectedPerson[] {
	const people: ExpectedPerson[] = input.invitees.map((i) => ({
		key: keyOf(i.role, i.name),
		name: i.name,
		role: i.role,
		...(i.userId ? { userId: i.userId } : {}),
		inviteeId: i.inviteeId,
		attendance: i.attendance,
		arrived: i.attendance === 'attended'
	}));
	const listed = (role: InviteeRole, name: string) =>
		people.some((p) => p.role === role && sameName(p.name, name));
	const expect = (role: InviteeRole, name: string, userId?: string) => {
		if (!name.trim() || listed(role, name)) return;
		people.push({
			key: keyOf(role, name),
			name,
			role,
			...(userId ? { userId } : {}),
			attendance: null,
			arrived: false
		});
	};

	if (!people.some((p) => p.role === 'young-person')) expect('young-person', input.child.name);
	for (const carer of input.carers) {
		if (
			!people.some(
				(p) => (p.role === 'carer' || p.role === 'parent') && sameName(p.name, carer.name)
			)
		)
			expect('carer', carer.name);
	}
	for (const contact of input.keyContacts) {
		const role = roleFromContact(contact.role);
		// A contact of a role already on the list (a new social worker, say) is not expected too.
		if (role && !people.some((p) => p.role === role)) expect(role, contact.name);
	}
	const me = input.me;
	if (me && !people.some((p) => p.userId === me.userId)) {
		const named = people.find((p) => !p.inviteeId && sameName(p.name, me.name));
		// Expected from the child's key contacts: the same person, now known by their account.
		if (named) named.userId = me.userId;
		else if (!people.some((p) => sameName(p.name, me.name))) {
			const role = (roleOrder as string[]).includes(me.role) ? (me.role as InviteeRole) : 'other';
			expect(role, me.name, me.userId);
		}
	}

	// Two people of one name and role keep keys of their own.
	const seen = new Map<string, number>();
	for (const person of people) {
		const n = seen.get(person.key) ?? 0;
		seen.set(person.key, n + 1);
		if (n > 0) person.key = `${person.key}#${n + 1}`;
	}
	return people
		.map((person, index) => ({ person, index }))
		.sort(
			(a, b) =>
				roleOrder.indexOf(a.person.role) - roleOrder.indexOf(b.person.role) || a.index - b.index
		)
		.map(({ person }) => person);
}

/**
 * The invitees with one person ticked as arrived, or the tick taken off. Taking it off puts back
 * what the record said before (`before`), or "confirmed" when it said nothing else: they were
 * expected, and have not come yet.
 */
export function markArrived(
	invitees: readonly Invitee[],
	person: ExpectedPerson,
	arrived: boolean,
	options: { newInviteeId: () => string; before?: AttendanceState | null }
): Invitee[] {
	if (person.inviteeId) {
		const back =
			options.before && options.before !== 'attended' ? options.before : ('confirmed' as const);
		return invitees.map((i) =>
			i.inviteeId === person.inviteeId ? { ...i, attendance: arrived ? 'attended' : back } : i
		);
	}
	if (!arrived) return [...invitees];
	return [
		...invitees,
		{
			inviteeId: options.newInviteeId(),
			name: person.name.trim(),
			role: person.role,
			...(person.userId ? { userId: person.userId } : {}),
			attendance: 'attended'
		}
	];
}

/** Someone who came but was not expected: on the list, as attended. */
export function addArrival(
	invitees: readonly Invitee[],
	person: { name: string; role: InviteeRole; contact?: string },
	inviteeId: string
): Invitee[] {
	const contact = person.contact?.trim();
	return [
		...invitees,
		{
			inviteeId,
			name: person.name.trim(),
			role: person.role,
			...(contact ? { contact } : {}),
			attendance: 'attended'
		}
	];
}

/** "4 of 5 here". */
export function arrivalCount(people: readonly ExpectedPerson[]): string {
	return `${people.filter((p) => p.arrived).length} of ${people.length} here`;
}
