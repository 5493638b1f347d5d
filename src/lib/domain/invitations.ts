/**
 * Invitation codes: how a young person or a carer joins. Their social worker makes a one-time
 * code, reads it out or shows it as a QR code, and the person types it on the join page.
 *
 * The code is 12 characters of Crockford's base32 (digits and capital letters without I, L, O
 * and U), shown in three groups of four: about 60 random bits, short enough to read out. When a
 * code is typed, case, spaces and dashes do not matter, and the letters people mistake for digits
 * are read as those digits (O as 0; I and L as 1), so a code read out loud still works.
 *
 * Pure functions, shared by the server (which makes and checks codes) and the join page (which
 * checks what was typed before sending it).
 */
import { addDays } from 'date-fns';
import { z } from 'zod';
import { shortText } from './schemas/common';

export const codeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const codeLength = 12;
const groupLength = 4;

/** How long a code works for after it is made. */
export const invitationDays = 7;

/** Who can be invited: the child themselves, or a carer. */
export const invitedRoles = ['young-person', 'carer'] as const;
export const invitedRole = z.enum(invitedRoles);
export type InvitedRole = z.infer<typeof invitedRole>;

/** A new code: 12 characters from the alphabet, from a cryptographic random source. */
export function generateInvitationCode(
	random: (n: number) => Uint8Array = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))
): string {
	// 256 is a multiple of 32, so the low five bits of each byte pick a character without bias.
	return Array.from(random(codeLength), (byte) => codeAlphabet[byte & 31]).join('');
}

/** Characters people type for ones in the code. */
const lookAlikes: Record<string, string> = { O: '0', I: '1', L: '1' };

export type CodeProblem = 'empty' | 'not-in-codes' | 'too-short' | 'too-long';

/**
 * What was typed, as the code it stands for (12 characters, no spaces), or why it cannot be one.
 */
export function normaliseInvitationCode(
	typed: string
): { ok: true; code: string } | { ok: false; problem: CodeProblem } {
	const squeezed = typed.replace(/[\s.\-\u2010-\u2015]/g, '').toUpperCase();
	if (squeezed === '') return { ok: false, problem: 'empty' };
	const code = [...squeezed].map((c) => lookAlikes[c] ?? c).join('');
	if ([...code].some((c) => !codeAlphabet.includes(c))) {
		return { ok: false, problem: 'not-in-codes' };
	}
	if (code.length < codeLength) return { ok: false, problem: 'too-short' };
	if (code.length > codeLength) return { ok: false, problem: 'too-long' };
	return { ok: true, code };
}

/** A code as it is shown and read out: `ABCD EFGH JKMN`. */
export function formatInvitationCode(code: string): string {
	const groups: string[] = [];
	for (let i = 0; i < code.length; i += groupLength) groups.push(code.slice(i, i + groupLength));
	return groups.join(' ');
}

/** What the join page says about a code that cannot be one, in words a 12-year-old can follow. */
export const codeProblemMessages: Record<CodeProblem, string> = {
	empty: 'Enter your code',
	'not-in-codes':
		'Your code can only have numbers and letters. It does not have the letter U or any other symbols.',
	'too-short': `Your code is too short. It has ${codeLength} letters and numbers.`,
	'too-long': `Your code is too long. It has ${codeLength} letters and numbers.`
};

/** A code as a request body carries it: typed, so normalised here, and refused with the reason. */
export const invitationCode = z
	.string()
	.max(100, 'must be at most 100 characters')
	.transform((typed, context) => {
		const result = normaliseInvitationCode(typed);
		if (result.ok) return result.code;
		context.addIssue({
			code: 'custom',
			message: `must be ${codeLength} letters and numbers, like ABCD EFGH JKMN`
		});
		return z.NEVER;
	});

/** The name the invited person is called by in the app, as the social worker writes it. */
export const inviteeName = shortText.trim().min(1, 'is required');

/** When a code made now stops working. */
export function invitationExpiresAt(createdAt: Date, days = invitationDays): Date {
	return addDays(createdAt, days);
}

/** Whether a code has stopped working by `now`; it works up to, not at, its expiry. */
export function hasExpired(expiresAt: string | Date, now: Date = new Date()): boolean {
	return now.getTime() >= new Date(expiresAt).getTime();
}

/**
 * When a code stops working, as a person in England reads it: `5:30pm on Tuesday 14 July 2026`
 * (in London's time, whatever the device's zone).
 */
export function formatExpiry(expiresAt: string | Date): string {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: 'Europe/London',
			weekday: 'long',
			day: 'numeric',
			month: 'long',
			year: 'numeric',
			hour: 'numeric',
			minute: '2-digit',
			hourCycle: 'h12'
		})
			.formatToParts(new Date(expiresAt))
			.map((part) => [part.type, part.value])
	) as Record<string, string>;
	const period = (parts.dayPeriod ?? '').toLowerCase();
	const time =
		parts.hour === '12' && parts.minute === '00'
			? period === 'am'
				? 'midnight'
				: 'midday'
			: `${parts.hour}${parts.minute === '00' ? '' : `:${parts.minute}`}${period}`;
	return `${time} on ${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}
