import { describe, expect, it } from 'vitest';
import { voiceQuestions } from '../schemas/voice';
import {
	answerState,
	isVoiceQuestion,
	nextQuestion,
	previousQuestion,
	questionNumber,
	voiceCount,
	withTalkAtMeeting
} from './my-voice';

describe('My Voice, one question at a time', () => {
	it('goes through every question in order, then to the check page', () => {
		const seen = [];
		for (let q: (typeof voiceQuestions)[number] | null = voiceQuestions[0]; q; q = nextQuestion(q))
			seen.push(q);
		expect(seen).toEqual([...voiceQuestions]);
		expect(previousQuestion('aboutMe')).toBeNull();
		expect(previousQuestion('goingWell')).toBe('aboutMe');
		expect(questionNumber('goingWell')).toEqual({ number: 2, of: voiceQuestions.length });
	});

	it('knows its own questions', () => {
		expect(isVoiceQuestion('worries')).toBe(true);
		expect(isVoiceQuestion('check')).toBe(false);
	});

	it('treats an empty answer as skipped, and a written one as answered even if kept for the meeting', () => {
		expect(answerState({}, 'worries')).toBe('skipped');
		expect(answerState({ answers: { worries: '   ' } }, 'worries')).toBe('skipped');
		expect(answerState({ talkAtMeeting: ['worries'] }, 'worries')).toBe('at-meeting');
		expect(
			answerState({ answers: { worries: 'Tests' }, talkAtMeeting: ['worries'] }, 'worries')
		).toBe('answered');
	});

	it('adds and removes a question to talk about at the meeting, in question order, once', () => {
		let list = withTalkAtMeeting([], 'worries', true);
		list = withTalkAtMeeting(list, 'aboutMe', true);
		list = withTalkAtMeeting(list, 'aboutMe', true);
		expect(list).toEqual(['aboutMe', 'worries']);
		expect(withTalkAtMeeting(list, 'aboutMe', false)).toEqual(['worries']);
	});

	it('counts answers and questions kept for the meeting', () => {
		expect(
			voiceCount({ answers: { aboutMe: 'I like drawing' }, talkAtMeeting: ['worries', 'aboutMe'] })
		).toEqual({ answered: 1, atMeeting: 1 });
	});
});
