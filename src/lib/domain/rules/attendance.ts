/**
 * Attendance below the authority's threshold (80% by default, Walsall) must have its reasons and
 * the interventions recorded on the meeting page, and an attendance target in the SMART targets.
 */
import type { MeetingPage } from '../schemas/section-b';
import type { Target } from '../schemas/targets';
import type { Blocker } from './reasons';

export const defaultAttendanceThreshold = 80;

export function isBelowThreshold(
	percentage: number,
	threshold = defaultAttendanceThreshold
): boolean {
	return percentage < threshold;
}

export function attendanceBlockers(
	meetingPage: Pick<MeetingPage, 'attendance'>,
	targets: Pick<Target, 'area' | 'status'>[],
	threshold = defaultAttendanceThreshold
): Blocker[] {
	const attendance = meetingPage.attendance;
	if (!attendance) {
		return [
			{
				part: 'meeting',
				field: 'attendance.percentage',
				message: 'Record the attendance percentage.'
			}
		];
	}
	if (!isBelowThreshold(attendance.percentage, threshold)) return [];

	const below = `Attendance is ${attendance.percentage}%, below ${threshold}%`;
	const blockers: Blocker[] = [];
	if (!attendance.reasons.trim()) {
		blockers.push({
			part: 'meeting',
			field: 'attendance.reasons',
			message: `${below}: record the reasons for it.`
		});
	}
	if (!attendance.interventions.trim()) {
		blockers.push({
			part: 'meeting',
			field: 'attendance.interventions',
			message: `${below}: record the interventions that will support better attendance.`
		});
	}
	if (!targets.some((t) => t.area === 'attendance' && t.status === 'open')) {
		blockers.push({
			part: 'targets',
			message: `${below}: add a SMART target about attendance.`
		});
	}
	return blockers;
}
