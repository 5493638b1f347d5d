import { describe, expect, it } from 'vitest';
import { voiceSpeaker } from './my-voice';

describe('who My Voice speaks to', () => {
	it('speaks to the young person when they write their own answers', () => {
		const speaker = voiceSpeaker(null);
		expect(speaker.helping).toBe(false);
		expect(speaker.heading).toBe('Your views for your PEP meeting');
		expect(speaker.talkAtMeeting).toBe('I’d rather talk about this at the meeting');
		expect(speaker.guidance).toBeNull();
	});

	it('speaks to the adult about the young person, by name, when an adult writes them down', () => {
		const speaker = voiceSpeaker('Aisha');
		expect(speaker.helping).toBe(true);
		expect(speaker.heading).toBe('Aisha’s views for their PEP meeting');
		expect(speaker.guidance).toMatch(/^Sit with Aisha .* in their own words/);
		expect(speaker.mayNotAnswer).toBe('Aisha does not have to answer.');
		expect(speaker.send).toBe('Send Aisha’s answers');
		expect(speaker.meetingOn('3 March 2027')).toBe('The meeting is on 3 March 2027.');
	});

	it('starts a sentence with a capital where no name is known', () => {
		const speaker = voiceSpeaker('the young person');
		expect(speaker.heading).toBe('The young person’s views for their PEP meeting');
		expect(speaker.guidance).toMatch(/^Sit with the young person /);
	});
});
