import { describe, expect, it } from 'vitest';
import { attendanceBlockers, isBelowThreshold } from './attendance';

const record = (percentage: number, reasons = '', interventions = '') => ({
	attendance: { percentage, reasons, interventions }
});

describe('attendance below 80%', () => {
	it('is below at 79.9 and not at exactly 80', () => {
		expect(isBelowThreshold(79.9)).toBe(true);
		expect(isBelowThreshold(80)).toBe(false);
	});

	it('needs reasons, interventions and an attendance target', () => {
		const blockers = attendanceBlockers(record(72), []);
		expect(blockers.map((b) => b.field ?? b.part)).toEqual([
			'attendance.reasons',
			'attendance.interventions',
			'targets'
		]);
		expect(blockers[0]?.message).toBe('Attendance is 72%, below 80%: record the reasons for it.');
	});

	it('is satisfied when all three are there', () => {
		expect(
			attendanceBlockers(record(72, 'Anxiety about the bus', 'Taxi for a term'), [
				{ area: 'attendance', status: 'open' }
			])
		).toEqual([]);
	});

	it('does not count a closed attendance target or whitespace-only reasons', () => {
		const blockers = attendanceBlockers(record(50, '   ', 'Mentor'), [
			{ area: 'attendance', status: 'closed' }
		]);
		expect(blockers.map((b) => b.field ?? b.part)).toEqual(['attendance.reasons', 'targets']);
	});

	it('follows an authority threshold other than 80%', () => {
		expect(attendanceBlockers(record(88), [], 90)).toHaveLength(3);
		expect(attendanceBlockers(record(88), [], 85)).toEqual([]);
	});

	it('asks for the percentage when none is recorded', () => {
		expect(attendanceBlockers({}, [])[0]?.field).toBe('attendance.percentage');
	});
});
