/**
 * My Voice, one question at a time: the order of the questions, where each one stands, and the
 * choice to talk about a question at the meeting instead. Every question is optional, so a
 * question left empty is "skipped", never an error.
 */
import { voiceQuestions, type Voice, type VoiceQuestion } from '../schemas/voice';

export type VoiceAnswerState = 'answered' | 'at-meeting' | 'skipped';

type VoiceValues = Pick<Voice, 'answers' | 'talkAtMeeting'>;

export function isVoiceQuestion(value: string): value is VoiceQuestion {
	return (voiceQuestions as readonly string[]).includes(value);
}

/** An answer that is written wins over "at the meeting": what they wrote is never hidden. */
export function answerState(
	voice: Partial<VoiceValues>,
	question: VoiceQuestion
): VoiceAnswerState {
	if ((voice.answers?.[question] ?? '').trim().length > 0) return 'answered';
	if (voice.talkAtMeeting?.includes(question)) return 'at-meeting';
	return 'skipped';
}

/** The question after this one, or null after the last (the check-your-answers page comes next). */
export function nextQuestion(question: VoiceQuestion): VoiceQuestion | null {
	return voiceQuestions[voiceQuestions.indexOf(question) + 1] ?? null;
}

/** The question before this one, or null before the first (the start page). */
export function previousQuestion(question: VoiceQuestion): VoiceQuestion | null {
	const index = voiceQuestions.indexOf(question);
	return index > 0 ? voiceQuestions[index - 1]! : null;
}

/** "Question 3 of 9". */
export function questionNumber(question: VoiceQuestion): { number: number; of: number } {
	return { number: voiceQuestions.indexOf(question) + 1, of: voiceQuestions.length };
}

/** The list with this question added or removed, kept in question order. */
export function withTalkAtMeeting(
	list: readonly VoiceQuestion[],
	question: VoiceQuestion,
	talk: boolean
): VoiceQuestion[] {
	return voiceQuestions.filter((q) => (q === question ? talk : list.includes(q)));
}

/** How many questions have an answer or are kept for the meeting. */
export function voiceCount(voice: Partial<VoiceValues>): { answered: number; atMeeting: number } {
	const states = voiceQuestions.map((q) => answerState(voice, q));
	return {
		answered: states.filter((s) => s === 'answered').length,
		atMeeting: states.filter((s) => s === 'at-meeting').length
	};
}
