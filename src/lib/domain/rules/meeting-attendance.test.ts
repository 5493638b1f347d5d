import { describe, expect, it } from 'vitest';
import type { Invitee } from '../schemas/pep';
import {
	addArrival,
	arrivalCount,
	expectedPeople,
	markArrived,
	roleFromContact,
	type AttendanceSheetInput
} from './meeting-attendance';

const invitees: Invitee[] = [
	{
		inviteeId: 'inv-sw01',
		name: 'Priya Shah',
		role: 'social-worker',
		userId: 'user-sw01',
		attendance: 'confirmed'
	},
	{ inviteeId: 'inv-yp01', name: 'Alex Brown', role: 'young-person', attendance: 'invited' },
	{ inviteeId: 'inv-ca01', name: 'Sam Green', role: 'carer', attendance: 'sent-apologies' }
];

const sheet: AttendanceSheetInput = {
	invitees,
	child: { name: 'Alex Brown' },
	carers: [{ name: 'Sam Green' }, { name: 'Jo Green' }],
	keyContacts: [
		{ role: 'Social worker', name: 'Priya Shah' },
		{ role: 'Designated teacher', name: 'Mr Lee' },
		{ role: 'Football coach', name: 'Kim' }
	],
	me: { userId: 'user-dt01', name: 'Mr Lee', role: 'designated-teacher' }
};

let n = 0;
const newInviteeId = () => `inv-new${++n}`;

describe('the attendance sheet at the meeting', () => {
	it('lists everyone expected once, the young person first, from the invitations and the child’s record', () => {
		const people = expectedPeople(sheet);
		expect(people.map((p) => [p.name, p.role, p.attendance])).toEqual([
			['Alex Brown', 'young-person', 'invited'],
			['Sam Green', 'carer', 'sent-apologies'],
			['Jo Green', 'carer', null],
			['Priya Shah', 'social-worker', 'confirmed'],
			['Mr Lee', 'designated-teacher', null]
		]);
		expect(people.every((p) => !p.arrived)).toBe(true);
		expect(arrivalCount(people)).toBe('0 of 5 here');
	});

	it('adds the child, and the person holding the tablet, when nobody invited them', () => {
		const people = expectedPeople({
			invitees: [],
			child: { name: 'Alex Brown' },
			carers: [],
			keyContacts: [],
			me: { userId: 'user-sw01', name: 'Priya Shah', role: 'social-worker' }
		});
		expect(people.map((p) => [p.name, p.role, p.userId])).toEqual([
			['Alex Brown', 'young-person', undefined],
			['Priya Shah', 'social-worker', 'user-sw01']
		]);
	});

	it('ticks an invited person as attended, and puts back what they were when the tick comes off', () => {
		const people = expectedPeople(sheet);
		const alex = people[0]!;
		const ticked = markArrived(invitees, alex, true, { newInviteeId });
		expect(ticked.find((i) => i.inviteeId === 'inv-yp01')?.attendance).toBe('attended');
		expect(ticked).toHaveLength(3);
		const unticked = markArrived(ticked, { ...alex, attendance: 'attended' }, false, {
			newInviteeId,
			before: 'invited'
		});
		expect(unticked.find((i) => i.inviteeId === 'inv-yp01')?.attendance).toBe('invited');
		// With nothing to go back to, they are expected still.
		const again = markArrived(ticked, alex, false, { newInviteeId, before: 'attended' });
		expect(again.find((i) => i.inviteeId === 'inv-yp01')?.attendance).toBe('confirmed');
	});

	it('adds someone expected but not invited to the list when they arrive, under the same key', () => {
		const people = expectedPeople(sheet);
		const jo = people.find((p) => p.name === 'Jo Green')!;
		expect(markArrived(invitees, jo, false, { newInviteeId })).toEqual(invitees);
		const ticked = markArrived(invitees, jo, true, { newInviteeId });
		expect(ticked.at(-1)).toEqual({
			inviteeId: 'inv-new1',
			name: 'Jo Green',
			role: 'carer',
			attendance: 'attended'
		});
		const after = expectedPeople({ ...sheet, invitees: ticked });
		const joAfter = after.find((p) => p.name === 'Jo Green')!;
		expect(joAfter).toMatchObject({ key: jo.key, inviteeId: 'inv-new1', arrived: true });
		expect(after).toHaveLength(people.length);
		const me = after.find((p) => p.name === 'Mr Lee')!;
		expect(markArrived(invitees, me, true, { newInviteeId }).at(-1)).toMatchObject({
			userId: 'user-dt01',
			role: 'designated-teacher'
		});
	});

	it('adds someone who came unexpectedly, with their contact details', () => {
		const added = addArrival(
			invitees,
			{ name: ' Dr Okafor ', role: 'educational-psychologist', contact: ' 01234 567890 ' },
			'inv-ep01'
		);
		expect(added.at(-1)).toEqual({
			inviteeId: 'inv-ep01',
			name: 'Dr Okafor',
			role: 'educational-psychologist',
			contact: '01234 567890',
			attendance: 'attended'
		});
		expect(
			addArrival([], { name: 'Kim', role: 'other', contact: ' ' }, 'inv-x001')[0]
		).not.toHaveProperty('contact');
	});

	it('reads the roles key contacts are written with', () => {
		expect(roleFromContact('Social Worker')).toBe('social-worker');
		expect(roleFromContact('Designated teacher')).toBe('designated-teacher');
		expect(roleFromContact('Virtual School officer')).toBe('virtual-school');
		expect(roleFromContact('Personal adviser')).toBe('personal-adviser');
		expect(roleFromContact('IRO')).toBe('iro');
		expect(roleFromContact('Educational psychologist')).toBe('educational-psychologist');
		expect(roleFromContact('CAMHS worker')).toBe('camhs');
		expect(roleFromContact('SENCo')).toBe('sen-officer');
		expect(roleFromContact('Football coach')).toBeNull();
	});

	it('keeps two people of one name and role apart', () => {
		const twins = expectedPeople({
			...sheet,
			invitees: [
				{ inviteeId: 'inv-a001', name: 'Chris', role: 'other', attendance: 'invited' },
				{ inviteeId: 'inv-a002', name: 'Chris', role: 'other', attendance: 'invited' }
			]
		});
		const keys = twins.filter((p) => p.name === 'Chris').map((p) => p.key);
		expect(new Set(keys).size).toBe(2);
	});
});
