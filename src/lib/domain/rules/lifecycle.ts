/**
 * The PEP's lifecycle: who may move it from one status to the next, and what must be true first.
 * After the meeting the social worker and the designated teacher sign off; the Virtual School
 * quality-assures and either passes it or returns it needing development; once passed it is
 * shared with the young person and carers.
 */
import type { PepHeader, PepStatus } from '../schemas/pep';
import type { Qa } from '../schemas/qa';
import type { SectionA } from '../schemas/section-a';
import type { SectionB } from '../schemas/section-b';
import { roleNames, type Role } from '../schemas/users';
import type { Blocker } from './reasons';

interface Transition {
	to: PepStatus;
	roles: Role[];
	label: string;
}

const transitions: Record<PepStatus, Transition[]> = {
	draft: [
		{
			to: 'meeting-held',
			roles: ['designated-teacher', 'social-worker', 'virtual-school', 'personal-adviser'],
			label: 'Record that the meeting was held'
		}
	],
	'meeting-held': [{ to: 'sw-signed', roles: ['social-worker'], label: 'Social worker sign-off' }],
	'sw-signed': [
		{ to: 'dt-signed', roles: ['designated-teacher'], label: 'Designated teacher sign-off' }
	],
	'dt-signed': [
		{ to: 'qa-passed', roles: ['virtual-school'], label: 'Pass quality assurance' },
		{ to: 'qa-returned', roles: ['virtual-school'], label: 'Return as needing development' }
	],
	'qa-returned': [
		{ to: 'dt-signed', roles: ['designated-teacher'], label: 'Sign off again after changes' }
	],
	'qa-passed': [
		{ to: 'shared', roles: ['designated-teacher', 'social-worker'], label: 'Share the PEP' }
	],
	shared: []
};

export function nextStatuses(from: PepStatus): Transition[] {
	return transitions[from];
}

export interface TransitionContext {
	header: Pick<PepHeader, 'status' | 'meeting'>;
	a?: Pick<SectionA, 'signOff'> | null;
	b?: Pick<SectionB, 'signOff'> | null;
	qa?: Pick<Qa, 'outcome' | 'feedback' | 'fixes'> | null;
	/** Today, as YYYY-MM-DD, in the authority's time zone. */
	today: string;
}

/** Why `role` cannot move the PEP to `to` now; empty when it can. */
export function transitionBlockers(to: PepStatus, role: Role, ctx: TransitionContext): Blocker[] {
	const from = ctx.header.status;
	const transition = transitions[from].find((t) => t.to === to);
	if (!transition) {
		return [
			{ part: 'status', message: `A PEP that is ${describe(from)} cannot become ${describe(to)}.` }
		];
	}
	if (!transition.roles.includes(role)) {
		return [
			{
				part: 'status',
				message: `Only a ${transition.roles.map(describeRole).join(' or ')} can do this.`
			}
		];
	}
	const blockers: Blocker[] = [];
	const need = (done: boolean, part: string, message: string) => {
		if (!done) blockers.push({ part, message });
	};
	switch (to) {
		case 'meeting-held':
			need(
				ctx.header.meeting.date !== undefined && ctx.header.meeting.date <= ctx.today,
				'meeting',
				'Record the date of the meeting; it cannot be in the future.'
			);
			break;
		case 'sw-signed':
			need(Boolean(ctx.a?.signOff), 'a', 'The social worker signs off Section A first.');
			break;
		case 'dt-signed':
			need(Boolean(ctx.b?.signOff), 'b', 'The designated teacher signs off Section B first.');
			break;
		case 'qa-passed':
			need(
				ctx.qa?.outcome === 'passed',
				'qa',
				'Complete the quality assurance checklist and grade.'
			);
			break;
		case 'qa-returned':
			need(ctx.qa?.outcome === 'returned', 'qa', 'Record the outcome of quality assurance.');
			need(
				(ctx.qa?.fixes.length ?? 0) > 0 || (ctx.qa?.feedback.trim().length ?? 0) > 0,
				'qa',
				'Say what needs to be improved before returning the PEP.'
			);
			break;
	}
	return blockers;
}

const statusWords: Record<PepStatus, string> = {
	draft: 'a draft',
	'meeting-held': 'held',
	'sw-signed': 'signed by the social worker',
	'dt-signed': 'signed by the designated teacher',
	'qa-returned': 'returned as needing development',
	'qa-passed': 'quality assured',
	shared: 'shared'
};

function describe(status: PepStatus): string {
	return statusWords[status];
}

function describeRole(role: Role): string {
	return roleNames[role].toLowerCase();
}
