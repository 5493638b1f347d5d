import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	announcementBetween,
	clockFace,
	durationInWords,
	milestoneOf,
	parsePlannedMinutes,
	readTimer,
	timerSummary
} from './meeting-timer';

const start = '2026-03-10T15:30:00.000Z';
const at = (minutes: number, seconds = 0) =>
	new Date(Date.parse(start) + (minutes * 60 + seconds) * 1000);

describe('the meeting’s clock', () => {
	it('has not started until someone starts it', () => {
		const reading = readTimer(undefined, 45, at(10));
		expect(reading).toEqual({
			state: 'not-started',
			plannedSeconds: 2700,
			elapsedSeconds: 0,
			remainingSeconds: 2700
		});
		expect(timerSummary(reading, 45)).toBe(
			'Planned to last 45 minutes. The clock has not started.'
		);
	});

	it('counts from the start kept in the record, so a reload shows the same time', () => {
		const timer = { startedAt: start };
		const reading = readTimer(timer, 45, at(12, 30));
		expect(reading.state).toBe('running');
		expect(reading.elapsedSeconds).toBe(750);
		expect(reading.remainingSeconds).toBe(1950);
		expect(readTimer(timer, 45, at(12, 30))).toEqual(reading);
		expect(timerSummary(reading, 45)).toBe('32 minutes left of 45 minutes.');
	});

	it('warns in the last five minutes, and says when it is over time', () => {
		const timer = { startedAt: start };
		expect(readTimer(timer, 45, at(39, 59)).state).toBe('running');
		expect(readTimer(timer, 45, at(40)).state).toBe('ending-soon');
		expect(readTimer(timer, 45, at(44, 59)).state).toBe('ending-soon');
		const over = readTimer(timer, 45, at(47, 10));
		expect(over.state).toBe('over-time');
		expect(over.remainingSeconds).toBe(-130);
		expect(timerSummary(over, 45)).toBe('2 minutes over the 45 minutes planned.');
	});

	it('stops at the end, and says whether the meeting kept to time', () => {
		const early = readTimer({ startedAt: start, endedAt: at(38).toISOString() }, 45, at(90));
		expect(early.state).toBe('finished');
		expect(early.elapsedSeconds).toBe(38 * 60);
		expect(timerSummary(early, 45)).toBe(
			'Finished after 38 minutes, within the 45 minutes planned.'
		);
		const late = readTimer({ startedAt: start, endedAt: at(61).toISOString() }, 45, at(90));
		expect(timerSummary(late, 45)).toBe(
			'Finished after 1 hour 1 minute, 16 minutes over the 45 minutes planned.'
		);
	});

	it('reads a start on a device whose clock runs ahead as no time yet, never negative', () => {
		expect(readTimer({ startedAt: start }, 30, at(-2)).elapsedSeconds).toBe(0);
	});

	it('announces only on reaching a milestone, never every second', () => {
		const timer = { startedAt: start };
		const read = (m: number, s = 0) => readTimer(timer, 45, at(m, s));
		expect(announcementBetween(read(10), read(10, 1), 45)).toBeNull();
		expect(announcementBetween(read(39, 59), read(40), 45)).toBe(
			'5 minutes left of the 45 minutes planned.'
		);
		expect(announcementBetween(read(40), read(40, 1), 45)).toBeNull();
		expect(announcementBetween(read(44, 59), read(45), 45)).toBe(
			'The meeting is over time: it has run for the 45 minutes planned.'
		);
		expect(announcementBetween(read(45), read(50), 45)).toBeNull();
		// A page opened on a meeting already over time says so on screen, not aloud.
		expect(announcementBetween(read(50), read(50), 45)).toBeNull();
		// Starting the clock is not a milestone, nor is stopping it.
		expect(announcementBetween(readTimer(undefined, 45, at(0)), read(0), 45)).toBeNull();
		const ended = readTimer({ startedAt: start, endedAt: at(46).toISOString() }, 45, at(47));
		expect(announcementBetween(read(46), ended, 45)).toBeNull();
		expect(milestoneOf(read(20))).toBeNull();
	});

	it('never announces twice in a row, whatever the readings', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 0, max: 7200 }), { maxLength: 40 }), (seconds) => {
				const sorted = [...seconds].sort((a, b) => a - b);
				const readings = sorted.map((s) => readTimer({ startedAt: start }, 45, at(0, s)));
				const said = readings
					.slice(1)
					.map((r, i) => announcementBetween(readings[i]!, r, 45))
					.filter((a) => a !== null);
				expect(said.length).toBeLessThanOrEqual(2);
				expect(new Set(said).size).toBe(said.length);
			})
		);
	});

	it('shows a clock face and the time in words', () => {
		expect(clockFace(0)).toBe('0:00');
		expect(clockFace(425)).toBe('7:05');
		expect(clockFace(2700)).toBe('45:00');
		expect(clockFace(3723)).toBe('1:02:03');
		expect(clockFace(-130)).toBe('2:10');
		expect(durationInWords(59)).toBe('less than a minute');
		expect(durationInWords(60)).toBe('1 minute');
		expect(durationInWords(7200)).toBe('2 hours');
	});

	it('takes a planned length the record accepts, and says why not otherwise', () => {
		expect(parsePlannedMinutes(' 60 ')).toEqual({ ok: true, minutes: 60 });
		expect(parsePlannedMinutes('')).toEqual({
			ok: false,
			message: 'Enter the planned length in minutes'
		});
		expect(parsePlannedMinutes('half an hour')).toMatchObject({ ok: false });
		expect(parsePlannedMinutes('45.5')).toMatchObject({ ok: false });
		expect(parsePlannedMinutes('10')).toEqual({
			ok: false,
			message: 'The planned length must be between 15 and 180 minutes'
		});
		expect(parsePlannedMinutes('181')).toMatchObject({ ok: false });
	});
});
