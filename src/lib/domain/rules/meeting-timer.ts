/**
 * The meeting's clock against its planned length. The record keeps when the meeting started (and
 * ended), never a running count, so the time reads the same on every device, after a reload, and
 * with no network; each reading is worked out from the start and the time now.
 *
 * A screen reader hears the time only at its milestones (five minutes left, over time), never
 * every second: `milestoneOf` says which milestone a reading has reached.
 */

/** The guidance's meetings are 30 to 60 minutes; the schema allows 15 to 180. */
export const defaultPlannedMinutes = 45;
export const minPlannedMinutes = 15;
export const maxPlannedMinutes = 180;
/** When the clock warns that the end is near. */
export const warningMinutes = 5;

export interface MeetingTimer {
	startedAt: string;
	endedAt?: string;
}

export type TimerState = 'not-started' | 'running' | 'ending-soon' | 'over-time' | 'finished';

export interface TimerReading {
	state: TimerState;
	plannedSeconds: number;
	/** Whole seconds since the start (up to the end, once ended); never negative. */
	elapsedSeconds: number;
	/** Planned less elapsed: negative once over time. */
	remainingSeconds: number;
}

export type Milestone = 'ending-soon' | 'over-time';

export function readTimer(
	timer: MeetingTimer | undefined,
	plannedMinutes: number,
	now: Date
): TimerReading {
	const plannedSeconds = plannedMinutes * 60;
	if (!timer) {
		return {
			state: 'not-started',
			plannedSeconds,
			elapsedSeconds: 0,
			remainingSeconds: plannedSeconds
		};
	}
	const start = Date.parse(timer.startedAt);
	const end = timer.endedAt ? Date.parse(timer.endedAt) : now.getTime();
	// Another device's clock may run ahead of this one: a start "in the future" reads as zero.
	const elapsedSeconds = Math.max(0, Math.floor((end - start) / 1000));
	const remainingSeconds = plannedSeconds - elapsedSeconds;
	const state: TimerState = timer.endedAt
		? 'finished'
		: remainingSeconds <= 0
			? 'over-time'
			: remainingSeconds <= warningMinutes * 60
				? 'ending-soon'
				: 'running';
	return { state, plannedSeconds, elapsedSeconds, remainingSeconds };
}

/** The milestone a running meeting has reached, if any. */
export function milestoneOf(reading: TimerReading): Milestone | null {
	if (reading.state === 'ending-soon' || reading.state === 'over-time') return reading.state;
	return null;
}

/**
 * What to announce when the clock moves from one reading to the next: only on reaching a
 * milestone, never when it stays at one (or when the page first shows a meeting already past it).
 */
export function announcementBetween(
	before: TimerReading,
	after: TimerReading,
	plannedMinutes: number
): string | null {
	const reached = milestoneOf(after);
	if (!reached || reached === milestoneOf(before)) return null;
	if (before.state === 'not-started' || before.state === 'finished') return null;
	return reached === 'ending-soon'
		? `${durationInWords(after.remainingSeconds)} left of the ${plannedMinutes} minutes planned.`
		: `The meeting is over time: it has run for the ${plannedMinutes} minutes planned.`;
}

/** A clock face: `7:05`, `45:00`, `1:02:03`. */
export function clockFace(totalSeconds: number): string {
	const seconds = Math.abs(Math.trunc(totalSeconds));
	const h = Math.floor(seconds / 3600);
	const m = Math.floor((seconds % 3600) / 60);
	const s = seconds % 60;
	const two = (n: number) => String(n).padStart(2, '0');
	return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** "less than a minute", "1 minute", "1 hour 5 minutes": rounded down to the minute. */
export function durationInWords(totalSeconds: number): string {
	const minutes = Math.floor(Math.abs(totalSeconds) / 60);
	if (minutes === 0) return 'less than a minute';
	const h = Math.floor(minutes / 60);
	const m = minutes % 60;
	const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
	if (h === 0) return plural(m, 'minute');
	return m === 0 ? plural(h, 'hour') : `${plural(h, 'hour')} ${plural(m, 'minute')}`;
}

/** One line saying where the meeting is against its plan, for the screen and for the record. */
export function timerSummary(reading: TimerReading, plannedMinutes: number): string {
	const elapsed = durationInWords(reading.elapsedSeconds);
	const over = durationInWords(-reading.remainingSeconds);
	switch (reading.state) {
		case 'not-started':
			return `Planned to last ${plannedMinutes} minutes. The clock has not started.`;
		case 'running':
		case 'ending-soon':
			return `${durationInWords(reading.remainingSeconds)} left of ${plannedMinutes} minutes.`;
		case 'over-time':
			return `${over} over the ${plannedMinutes} minutes planned.`;
		case 'finished':
			return reading.remainingSeconds < 0
				? `Finished after ${elapsed}, ${over} over the ${plannedMinutes} minutes planned.`
				: `Finished after ${elapsed}, within the ${plannedMinutes} minutes planned.`;
	}
}

/** The planned length as typed: a whole number of minutes the record accepts, or why not. */
export function parsePlannedMinutes(
	typed: string
): { ok: true; minutes: number } | { ok: false; message: string } {
	const trimmed = typed.trim();
	if (trimmed === '') return { ok: false, message: 'Enter the planned length in minutes' };
	if (!/^\d+$/.test(trimmed)) {
		return { ok: false, message: 'The planned length must be a whole number of minutes, like 45' };
	}
	const minutes = Number(trimmed);
	if (minutes < minPlannedMinutes || minutes > maxPlannedMinutes) {
		return {
			ok: false,
			message: `The planned length must be between ${minPlannedMinutes} and ${maxPlannedMinutes} minutes`
		};
	}
	return { ok: true, minutes };
}
