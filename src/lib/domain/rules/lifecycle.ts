/**
 * The PEP's lifecycle: who may move it from one status to the next, and what must be true first.
 * After the meeting the social worker and the designated teacher sign off; the Virtual School
 * quality-assures and either passes it or returns it needing development; once passed it is
 * shared with the young person and carers. A post-16 PETP may be completed by the personal
 * adviser instead of the designated teacher (Derbyshire: "MAT PAs will complete the PETP
 * paperwork" and return it to the Virtual School, whose panel reviews it); for a young person
 * who is not in education, employment or training there is no designated teacher at all.
 */
import type { PepHeader, PepKind, PepStatus } from '../schemas/pep';
import type { Petp } from '../schemas/petp';
import type { Qa } from '../schemas/qa';
import type { SectionA } from '../schemas/section-a';
import type { SectionB } from '../schemas/section-b';
import { roleNames, type Role } from '../schemas/users';
import type { Blocker } from './reasons';

interface Transition {
	to: PepStatus;
	roles: Role[];
	label: string;
	/** Only for these kinds of PEP; every kind when absent. */
	kinds?: PepKind[];
}

const qualityAssurance: Transition[] = [
	{ to: 'qa-passed', roles: ['virtual-school'], label: 'Pass quality assurance' },
	{ to: 'qa-returned', roles: ['virtual-school'], label: 'Return as needing development' }
];

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
		{ to: 'dt-signed', roles: ['designated-teacher'], label: 'Designated teacher sign-off' },
		{
			to: 'petp-completed',
			roles: ['personal-adviser'],
			label: 'Personal adviser sign-off',
			kinds: ['post-16']
		}
	],
	'dt-signed': qualityAssurance,
	'petp-completed': qualityAssurance,
	'qa-returned': [
		{ to: 'dt-signed', roles: ['designated-teacher'], label: 'Sign off again after changes' },
		{
			to: 'petp-completed',
			roles: ['personal-adviser'],
			label: 'Sign off the PETP again after changes',
			kinds: ['post-16']
		}
	],
	'qa-passed': [
		{ to: 'shared', roles: ['designated-teacher', 'social-worker'], label: 'Share the PEP' }
	],
	shared: []
};

/** Where a PEP of this kind can go from `from`. */
export function nextStatuses(from: PepStatus, kind: PepKind): Transition[] {
	return transitions[from].filter((t) => !t.kinds || t.kinds.includes(kind));
}

/** Signed and waiting for the Virtual School to quality-assure it. */
export function awaitsQualityAssurance(status: PepStatus): boolean {
	return status === 'dt-signed' || status === 'petp-completed';
}

export interface TransitionContext {
	header: Pick<PepHeader, 'status' | 'meeting' | 'kind'>;
	a?: Pick<SectionA, 'signOff'> | null;
	b?: Pick<SectionB, 'signOff'> | null;
	petp?: Pick<Petp, 'signOff'> | null;
	qa?: Pick<Qa, 'outcome' | 'feedback' | 'fixes'> | null;
	/** Today, as YYYY-MM-DD, in the authority's time zone. */
	today: string;
}

/** Why `role` cannot move the PEP to `to` now; empty when it can. */
export function transitionBlockers(to: PepStatus, role: Role, ctx: TransitionContext): Blocker[] {
	const from = ctx.header.status;
	const transition = nextStatuses(from, ctx.header.kind).find((t) => t.to === to);
	if (!transition) {
		// The commonest wrong moment, told as what has to happen first.
		if (from === 'meeting-held' && (to === 'dt-signed' || to === 'petp-completed'))
			return [{ part: 'status', message: 'The social worker signs off Section A first.' }];
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
		case 'petp-completed':
			need(Boolean(ctx.petp?.signOff), 'petp', 'The personal adviser signs off the PETP first.');
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
	'petp-completed': 'completed by the personal adviser',
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
