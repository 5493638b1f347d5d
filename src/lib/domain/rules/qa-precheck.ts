/**
 * Section D's checklist, pre-checked from the record so the Virtual School officer starts from
 * the facts: each item gets a suggested Yes or No with the reason, or no suggestion where only a
 * person can judge (a suggestion is never a decision; the officer ticks every box).
 */
import type { CarerViews } from '../schemas/carer';
import type { PepHeader } from '../schemas/pep';
import type { QaChecklistItem } from '../schemas/qa';
import { sectionAPartNames, type SectionA } from '../schemas/section-a';
import type { SectionB } from '../schemas/section-b';
import type { TargetArea, Targets } from '../schemas/targets';
import type { Voice } from '../schemas/voice';
import { defaultAttendanceThreshold, isBelowThreshold } from './attendance';
import { dtSignOffDeadline, formatLongDate, type DeadlineSettings } from './deadlines';
import { sectionAPartTitles } from './sign-off';
import { checkSmart, SMART_LETTER_LABELS } from './smart';

export interface PrecheckInput {
	header: Pick<PepHeader, 'dueBy' | 'meeting' | 'invitees'>;
	a: Pick<SectionA, (typeof sectionAPartNames)[number] | 'signOff'> | null;
	b: Pick<SectionB, 'progressOverview' | 'subjects' | 'meetingPage' | 'signOff'> | null;
	targets: Pick<Targets, 'targets'> | null;
	voice: Pick<Voice, 'answers' | 'preferToTalkAtMeeting'> | null;
	carer: Pick<CarerViews, 'goingWell' | 'challenges' | 'needsAndAspirations'> | null;
	settings?: DeadlineSettings;
	attendanceThreshold?: number;
}

export interface Precheck {
	item: QaChecklistItem;
	suggestion: 'yes' | 'no' | null;
	reason: string;
}

export function precheckQa(input: PrecheckInput): Precheck[] {
	return [
		withinTimescale(input),
		careInformation(input),
		peopleContributed(input),
		childVoice(input),
		strengthsAndDevelopment(input),
		targetsReflectDevelopment(input),
		targetsClear(input)
	];
}

const yes = (item: QaChecklistItem, reason: string): Precheck => ({
	item,
	suggestion: 'yes',
	reason
});
const no = (item: QaChecklistItem, reason: string): Precheck => ({
	item,
	suggestion: 'no',
	reason
});
const judge = (item: QaChecklistItem, reason: string): Precheck => ({
	item,
	suggestion: null,
	reason
});

function withinTimescale({ header, b, settings }: PrecheckInput): Precheck {
	const item = 'completedWithinTimescale';
	const held = header.meeting.date;
	if (!held) return no(item, 'The meeting has no date recorded.');
	if (held > header.dueBy) {
		return no(
			item,
			`The meeting on ${formatLongDate(held)} was after the PEP was due (${formatLongDate(header.dueBy)}).`
		);
	}
	const deadline = dtSignOffDeadline(held, settings);
	const signed = b?.signOff?.signedAt.slice(0, 10);
	if (!signed) return no(item, `The designated teacher has not signed off. ${deadline.rule}`);
	if (signed > deadline.due) {
		return no(
			item,
			`The designated teacher signed off on ${formatLongDate(signed)}, after ${formatLongDate(deadline.due)}. ${deadline.rule}`
		);
	}
	return yes(
		item,
		`The meeting was held by ${formatLongDate(header.dueBy)} and signed off by ${formatLongDate(deadline.due)}.`
	);
}

function careInformation({ a }: PrecheckInput): Precheck {
	const item = 'careInformationComplete';
	if (!a) return no(item, 'Section A has not been started.');
	const open = sectionAPartNames
		.filter((name) => !a[name].complete)
		.map((name) => sectionAPartTitles[name]);
	if (open.length > 0) return no(item, `Not complete in Section A: ${open.join(', ')}.`);
	if (!a.personalCare.checkedOn)
		return no(item, 'The personal and care information has not been checked for this PEP.');
	return yes(
		item,
		`Every part of Section A is complete; care information checked on ${formatLongDate(a.personalCare.checkedOn)}.`
	);
}

function peopleContributed({ header, voice, carer }: PrecheckInput): Precheck {
	const item = 'relevantPeopleContributed';
	const took = (role: string) =>
		header.invitees.some(
			(i) => i.role === role && (i.attendance === 'attended' || i.attendance === 'views-sent')
		);
	const missing: string[] = [];
	if (!took('social-worker')) missing.push('the social worker');
	if (!took('designated-teacher') && !took('virtual-school'))
		missing.push('the designated teacher');
	if (!took('young-person') && !hasVoice(voice)) missing.push('the young person');
	if (header.invitees.some((i) => i.role === 'carer') && !took('carer') && !hasCarerViews(carer)) {
		missing.push('the carer');
	}
	if (missing.length > 0)
		return no(item, `No attendance or views recorded from ${missing.join(', ')}.`);
	return judge(
		item,
		'Everyone invited attended or sent their views; check whether anyone else should have been there.'
	);
}

function childVoice({ voice, b }: PrecheckInput): Precheck {
	const item = 'childVoiceRecorded';
	const said = filled(b?.meetingPage.youngPersonViews);
	if (voice && hasVoice(voice)) {
		if (!voice.preferToTalkAtMeeting || Object.values(voice.answers).some(filled))
			return yes(item, 'The young person’s own words are recorded in My Voice.');
		return said
			? yes(
					item,
					'The young person chose to talk at the meeting, and the meeting page records what they said.'
				)
			: judge(
					item,
					'The young person chose to talk at the meeting: check the meeting page records what they said.'
				);
	}
	if (said) return yes(item, 'The meeting page records what the young person said at the meeting.');
	if (b?.meetingPage.howViewsShared.trim()) {
		return judge(
			item,
			'My Voice is empty, but the meeting page says how the young person’s views were shared.'
		);
	}
	return no(item, 'There is nothing from the young person in My Voice or on the meeting page.');
}

function strengthsAndDevelopment({ b }: PrecheckInput): Precheck {
	const item = 'strengthsAndDevelopmentIdentified';
	if (!b || !b.progressOverview.text.trim())
		return no(item, 'The attainment and progress overview is empty.');
	if (b.subjects.length === 0) return no(item, 'No subjects are recorded in the progress table.');
	return judge(
		item,
		'The progress overview and subject table are filled in: read them for strengths and areas to develop.'
	);
}

/** Each area the record shows needs developing, and the target area that answers it. */
function areasNeedingTargets(b: NonNullable<PrecheckInput['b']>, threshold: number) {
	const needs: { what: string; area: TargetArea }[] = [];
	const behind = b.subjects.filter((s) =>
		Object.values(s.assessments).some((a) => a?.progress === 'less')
	);
	if (behind.length > 0)
		needs.push({
			what: `less than expected progress in ${behind.map((s) => s.course).join(', ')}`,
			area: 'academic'
		});
	const attendance = b.meetingPage.attendance;
	if (attendance && isBelowThreshold(attendance.percentage, threshold))
		needs.push({ what: `attendance of ${attendance.percentage}%`, area: 'attendance' });
	if (b.meetingPage.wellbeingRag === 'red' || b.meetingPage.wellbeingRag === 'amber')
		needs.push({ what: `a ${b.meetingPage.wellbeingRag} wellbeing rating`, area: 'semh' });
	return needs;
}

function targetsReflectDevelopment({ b, targets, attendanceThreshold }: PrecheckInput): Precheck {
	const item = 'targetsReflectDevelopment';
	const open = targets?.targets.filter((t) => t.status === 'open') ?? [];
	if (open.length === 0) return no(item, 'There are no open targets.');
	if (!b)
		return judge(
			item,
			'Section B has not been started, so there is nothing to compare the targets with.'
		);
	const needs = areasNeedingTargets(b, attendanceThreshold ?? defaultAttendanceThreshold);
	const unmet = needs.filter((n) => !open.some((t) => t.area === n.area));
	if (unmet.length > 0)
		return no(item, `No target addresses ${unmet.map((n) => n.what).join('; ')}.`);
	return needs.length > 0
		? yes(item, `Targets address ${needs.map((n) => n.what).join('; ')}.`)
		: judge(
				item,
				'The record shows no particular concern: check the targets against the discussion.'
			);
}

function targetsClear({ targets }: PrecheckInput): Precheck {
	const item = 'targetsClearWithStrategies';
	const open = targets?.targets.filter((t) => t.status === 'open') ?? [];
	if (open.length === 0) return no(item, 'There are no open targets.');
	const weak = open
		.map((t, i) => ({ n: i + 1, missing: checkSmart(t).missing }))
		.filter((r) => r.missing.length > 0);
	if (weak.length > 0) {
		const list = weak.map(
			(w) => `target ${w.n} is not ${w.missing.map((l) => SMART_LETTER_LABELS[l]).join(', ')}`
		);
		return no(item, `${list.join('; ')}.`);
	}
	return yes(
		item,
		`All ${open.length} open targets pass the SMART check and name actions for adults.`
	);
}

const filled = (answer: string | undefined) => (answer ?? '').trim().length > 0;

function hasVoice(voice: PrecheckInput['voice']): boolean {
	return (
		voice !== null && (voice.preferToTalkAtMeeting || Object.values(voice.answers).some(filled))
	);
}

function hasCarerViews(carer: PrecheckInput['carer']): boolean {
	return (
		carer !== null && [carer.goingWell, carer.challenges, carer.needsAndAspirations].some(filled)
	);
}
