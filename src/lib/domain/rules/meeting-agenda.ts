/**
 * Meeting mode's steps, in the order a PEP meeting runs (Bracknell Forest's suggested agenda):
 * the preparation checklist before anyone arrives, then welcome and introductions with the
 * attendance sheet, the young person's views first, then the carer's, then the school's, the
 * outcomes and actions agreed, and the date and time of the next meeting. Each step says what to
 * think about and what to record, so the person at the table need not remember the guidance.
 */

export const meetingStepSlugs = [
	'preparation',
	'welcome',
	'young-person',
	'carer',
	'school',
	'outcomes',
	'next-meeting'
] as const;
export type MeetingStepSlug = (typeof meetingStepSlugs)[number];

export interface MeetingStep {
	slug: MeetingStepSlug;
	title: string;
	/** What to think about or ask in this step. */
	prompts: readonly string[];
	/** What to write down in this step, and where it goes in the PEP. */
	record: string;
}

export const meetingSteps: readonly MeetingStep[] = [
	{
		slug: 'preparation',
		title: 'Before the meeting',
		prompts: [
			'Has everyone said whether they are coming?',
			'Has the young person given their views, and talked with the designated teacher about who will be there?',
			'Are attendance, progress and attainment data to hand?',
			'Are the key documents available, and any SEN documents attached?'
		],
		record:
			'Tick that attendance is confirmed. The other checks are read from the PEP as it is on this device.'
	},
	{
		slug: 'welcome',
		title: 'Welcome and introductions',
		prompts: [
			'Introduce everyone, and say why the meeting is happening.',
			'Fill in the attendance sheet, with contact details if needed.'
		],
		record: 'Tick each person as they arrive. Add anyone who came but was not expected.'
	},
	{
		slug: 'young-person',
		title: 'The young person’s views',
		prompts: [
			'Start with the young person: what is going well?',
			'What is hard at the moment?',
			'What do they need, and what are their hopes?'
		],
		record: 'Whether the young person came, and what they said. This goes on the PEP meeting page.'
	},
	{
		slug: 'carer',
		title: 'The carer’s views',
		prompts: [
			'What is going well?',
			'What are the challenges?',
			'What are the needs and aspirations of the young person and their carers or parents?'
		],
		record: 'The carer’s views, in the views of everyone supporting the young person.'
	},
	{
		slug: 'school',
		title: 'The school’s view',
		prompts: ['What is going well?', 'Where is support offered, and where is it needed?'],
		record: 'The school’s view, in the views of everyone supporting the young person.'
	},
	{
		slug: 'outcomes',
		title: 'Outcomes and actions',
		prompts: [
			'Agree outcomes from the conversation: specific to the young person, with high aspirations and high expectations.',
			'Build on what is working well, and address what is not.',
			'Make outcomes SMART, and agree the actions that will support them, such as interventions and provision.'
		],
		record:
			'The actions to complete by the next PEP, who will do each, and a summary of the discussion. SMART targets are set on their own page.'
	},
	{
		slug: 'next-meeting',
		title: 'Next meeting',
		prompts: [
			'Set the date and time of the next PEP meeting.',
			'Choose a time that does not take the young person out of lessons unless it is necessary, and talk to them about how best to give their views.'
		],
		record:
			'The date and time of the next PEP. Both sign-offs need the date, and it is where the next review is due by.'
	}
];

export function isMeetingStep(slug: string | undefined): slug is MeetingStepSlug {
	return (meetingStepSlugs as readonly (string | undefined)[]).includes(slug);
}

export function meetingStep(slug: MeetingStepSlug): MeetingStep {
	return meetingSteps.find((step) => step.slug === slug)!;
}

/** The step after this one, or null after the last. */
export function stepAfter(slug: MeetingStepSlug): MeetingStep | null {
	return meetingSteps[meetingStepSlugs.indexOf(slug) + 1] ?? null;
}

/** The step before this one, or null before the first. */
export function stepBefore(slug: MeetingStepSlug): MeetingStep | null {
	const index = meetingStepSlugs.indexOf(slug);
	return index > 0 ? meetingSteps[index - 1]! : null;
}

/**
 * Where a step stands in the meeting: the preparation comes before the agenda, so the agenda's
 * items are numbered from the welcome ("Agenda item 1 of 6").
 */
export function stepPosition(slug: MeetingStepSlug): string {
	const index = meetingStepSlugs.indexOf(slug);
	if (index === 0) return 'Preparation';
	return `Agenda item ${index} of ${meetingStepSlugs.length - 1}`;
}
