/**
 * My Voice in words a 12-year-old can read: each question, with a hint that gives ideas rather
 * than rules. Written to the young person ("you"), short sentences, no jargon.
 */
import type { VoiceQuestion } from '$lib/domain/schemas/voice';
import type { PartSpec } from './fields';

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

/**
 * Who My Voice speaks to. The young person reads it as written to them; a designated teacher (or
 * anyone else who may write it) is sitting with the young person and writing down their words, so
 * the pages say so, name the young person, and keep the questions as they are to be read aloud.
 */
export interface VoiceSpeaker {
	/** The adult writing down the answers; null when the young person writes their own. */
	helping: boolean;
	heading: string;
	/** What to do, for the adult; null for the young person. */
	guidance: string | null;
	meetingOn: (date: string) => string;
	noMeetingYet: string;
	freedoms: string[];
	mayNotAnswer: string;
	talkAtMeeting: string;
	ratherTalk: string;
	checkHeading: string;
	answerOf: string;
	send: string;
	sent: string;
}

export function voiceSpeaker(youngPersonName: string | null): VoiceSpeaker {
	if (youngPersonName === null)
		return {
			helping: false,
			heading: 'Your views for your PEP meeting',
			guidance: null,
			meetingOn: (date) => `Your meeting is on ${date}.`,
			noMeetingYet: 'Your meeting has not been arranged yet.',
			freedoms: [
				'You can skip any question.',
				'You can say you’d rather talk about it at the meeting.',
				'Your answers are saved as you go, even with no internet.'
			],
			mayNotAnswer: 'You do not have to answer.',
			talkAtMeeting: 'I’d rather talk about this at the meeting',
			ratherTalk: 'You’d rather talk about this at the meeting.',
			checkHeading: 'Check your answers',
			answerOf: 'your answer',
			send: 'Send my answers',
			sent: 'Your answers are saved'
		};
	const name = youngPersonName;
	// A sentence may start with the name, which is 'the young person' where no name is known.
	const Name = name.charAt(0).toUpperCase() + name.slice(1);
	return {
		helping: true,
		heading: `${Name}’s views for their PEP meeting`,
		guidance: `Sit with ${name} and read each question to them as it is written. Write down what they say, in their own words, not a summary.`,
		meetingOn: (date) => `The meeting is on ${date}.`,
		noMeetingYet: 'The meeting has not been arranged yet.',
		freedoms: [
			`${Name} can skip any question.`,
			`${Name} can keep any question to talk about at the meeting.`,
			'The answers are saved as you go, even with no internet.'
		],
		mayNotAnswer: `${Name} does not have to answer.`,
		talkAtMeeting: `${Name} would rather talk about this at the meeting`,
		ratherTalk: 'They’d rather talk about this at the meeting.',
		checkHeading: `Check ${name}’s answers`,
		answerOf: `${name}’s answer`,
		send: `Send ${name}’s answers`,
		sent: `${Name}’s answers are saved`
	};
}
