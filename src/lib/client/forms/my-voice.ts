/**
 * My Voice in words a 12-year-old can read: each question, with a hint that gives ideas rather
 * than rules. Written to the young person ("you"), short sentences, no jargon.
 */
import { ids } from '$lib/domain/ids';
import type { PepHeader } from '$lib/domain/schemas/pep';
import type { VoiceQuestion } from '$lib/domain/schemas/voice';
import type { LocalRecord } from '../data/record';
import type { PartSpec } from './fields';
import { PartEditor } from './part-editor.svelte';

export const voiceWording: Record<
	VoiceQuestion,
	{ question: string; hint: string; short: string }
> = {
	aboutMe: {
		question: 'Tell us about you',
		hint: 'What do you like doing? What are you good at?',
		short: 'About you'
	},
	goingWell: {
		question: 'What is going well at school?',
		hint: 'Lessons, friends, clubs, or anything else you feel good about.',
		short: 'Going well'
	},
	findingHard: {
		question: 'What do you find hard at school?',
		hint: 'It might be a lesson, homework, or something else.',
		short: 'Finding hard'
	},
	helpsMeLearn: {
		question: 'What helps you learn?',
		hint: 'For example, sitting near the front, extra time, or working in a small group.',
		short: 'Helps you learn'
	},
	worries: {
		question: 'Is anything worrying you?',
		hint: 'You can write as much or as little as you like.',
		short: 'Worries'
	},
	hopesAndAspirations: {
		question: 'What would you like to do when you are older?',
		hint: 'A job, a course, a place to live, or something you would like to try.',
		short: 'Hopes for the future'
	},
	higherEducation: {
		question: 'Would you like to go to college or university?',
		hint: 'You can say what you would like to study, or that you are not sure yet.',
		short: 'College or university'
	},
	whoHelpsMe: {
		question: 'Who helps you?',
		hint: 'At school, at home, or anywhere else.',
		short: 'Who helps you'
	},
	anythingElse: {
		question: 'Is there anything else you want the people at your meeting to know?',
		hint: 'Anything at all.',
		short: 'Anything else'
	}
};

/**
 * The whole My Voice document as one part (key ''), so the answers and the questions kept for the
 * meeting are drafted and saved together.
 */
export const myVoicePart: PartSpec = {
	slug: 'my-voice',
	section: 'Section C: young person’s views',
	title: 'My Voice',
	part: 'voice',
	kind: 'pep-voice',
	key: '',
	completable: false,
	fields: []
};

/** A new My Voice document's fields, for the first time it is opened. */
export function voiceTemplate(
	header: Pick<PepHeader, 'childId' | 'authorityId' | 'schoolId' | 'pepId'>
) {
	return {
		type: 'pep-voice',
		schemaVersion: 1,
		childId: header.childId,
		authorityId: header.authorityId,
		schoolId: header.schoolId,
		pepId: header.pepId
	};
}

/** Opens My Voice for editing (starting its document the first time), or null with no such PEP. */
export async function openMyVoice(
	record: LocalRecord,
	childId: string,
	pepId: string
): Promise<{ header: PepHeader; editor: PartEditor } | null> {
	const header = (await record.getDoc(ids.pep(childId, pepId))) as PepHeader | null;
	if (!header) return null;
	const editor = new PartEditor(
		record,
		myVoicePart,
		ids.pepPart(childId, pepId, 'voice'),
		voiceTemplate(header)
	);
	await editor.load();
	return { header, editor };
}

/** The voice as the form holds it, with the schema's defaults for what is not there yet. */
export function voiceValues(values: Record<string, unknown>): {
	answers: Partial<Record<VoiceQuestion, string>>;
	talkAtMeeting: VoiceQuestion[];
} {
	const answers = values.answers;
	const talk = values.talkAtMeeting;
	return {
		answers:
			typeof answers === 'object' && answers !== null
				? (answers as Partial<Record<VoiceQuestion, string>>)
				: {},
		talkAtMeeting: Array.isArray(talk) ? (talk as VoiceQuestion[]) : []
	};
}
