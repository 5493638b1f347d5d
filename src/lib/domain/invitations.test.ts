import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	codeAlphabet,
	codeLength,
	formatExpiry,
	formatInvitationCode,
	generateInvitationCode,
	hasExpired,
	invitationCode,
	invitationExpiresAt,
	normaliseInvitationCode
} from './invitations';

describe('generateInvitationCode', () => {
	it('makes 12 characters from the alphabet, none of them I, L, O or U', () => {
		for (let i = 0; i < 200; i += 1) {
			const code = generateInvitationCode();
			expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
			expect(code).not.toMatch(/[ILOU]/);
		}
	});

	it('uses every character of the alphabet, from the random bytes it is given', () => {
		const bytes = Uint8Array.from({ length: codeLength }, (_, i) => i * 33);
		expect(generateInvitationCode(() => bytes)).toBe(
			[...bytes].map((b) => codeAlphabet[b % 32]).join('')
		);
		expect(generateInvitationCode(() => new Uint8Array(codeLength).fill(255))).toBe('Z'.repeat(12));
		expect(new Set(codeAlphabet).size).toBe(32);
	});

	it('does not repeat itself', () => {
		const codes = new Set(Array.from({ length: 1000 }, () => generateInvitationCode()));
		expect(codes.size).toBe(1000);
	});
});

describe('normaliseInvitationCode', () => {
	it('reads a code typed with spaces, dashes, dots or in lower case', () => {
		for (const typed of [
			'ABCD EFGH JKMN',
			'abcd efgh jkmn',
			' abcd-efgh-jkmn ',
			'AbCdEfGhJkMn',
			'abcd.efgh.jkmn',
			'ABCD\u2013EFGH\u2013JKMN',
			'a b c d e f g h j k m n'
		]) {
			expect(normaliseInvitationCode(typed), typed).toEqual({ ok: true, code: 'ABCDEFGHJKMN' });
		}
	});

	it('reads O as zero and I or L as one, since codes have none of them', () => {
		expect(normaliseInvitationCode('oOIl 2345 6789')).toEqual({ ok: true, code: '001123456789' });
	});

	it('says why what was typed cannot be a code', () => {
		expect(normaliseInvitationCode('')).toEqual({ ok: false, problem: 'empty' });
		expect(normaliseInvitationCode('  - ')).toEqual({ ok: false, problem: 'empty' });
		expect(normaliseInvitationCode('ABCD EFGH JKMU')).toEqual({
			ok: false,
			problem: 'not-in-codes'
		});
		expect(normaliseInvitationCode('ABCD EFGH JKM!')).toEqual({
			ok: false,
			problem: 'not-in-codes'
		});
		expect(normaliseInvitationCode('ABCD EFGH')).toEqual({ ok: false, problem: 'too-short' });
		expect(normaliseInvitationCode('ABCD EFGH JKMN P')).toEqual({
			ok: false,
			problem: 'too-long'
		});
	});

	it('gives back every code it made, however it was written', () => {
		fc.assert(
			fc.property(
				fc.uint8Array({ minLength: codeLength, maxLength: codeLength }),
				fc.boolean(),
				(bytes, lower) => {
					const code = generateInvitationCode(() => bytes);
					const shown = formatInvitationCode(code);
					const typed = lower ? shown.toLowerCase() : shown;
					expect(normaliseInvitationCode(typed)).toEqual({ ok: true, code });
				}
			)
		);
	});
});

describe('the code in a request body', () => {
	it('is normalised, or refused with a reason', () => {
		expect(invitationCode.parse('abcd-efgh-jkmn')).toBe('ABCDEFGHJKMN');
		const refused = invitationCode.safeParse('abcd');
		expect(refused.success).toBe(false);
		expect(refused.error?.issues[0]?.message).toBe(
			'must be 12 letters and numbers, like ABCD EFGH JKMN'
		);
		expect(invitationCode.safeParse('A'.repeat(101)).error?.issues[0]?.message).toBe(
			'must be at most 100 characters'
		);
		expect(invitationCode.safeParse(123456789012).success).toBe(false);
	});
});

describe('formatInvitationCode', () => {
	it('shows three groups of four', () => {
		expect(formatInvitationCode('ABCDEFGHJKMN')).toBe('ABCD EFGH JKMN');
	});
});

describe('expiry', () => {
	it('is seven days after the code is made, in calendar days', () => {
		const made = new Date('2026-03-25T10:00:00Z');
		expect(invitationExpiresAt(made).getTime() - made.getTime()).toBeGreaterThanOrEqual(
			7 * 24 * 3600 * 1000 - 3600 * 1000
		);
		expect(invitationExpiresAt(made, 1).getTime() - made.getTime()).toBeLessThanOrEqual(
			25 * 3600 * 1000
		);
	});

	it('has passed at the expiry itself, not a moment before', () => {
		const expiresAt = '2026-07-14T16:30:00.000Z';
		expect(hasExpired(expiresAt, new Date('2026-07-14T16:29:59.999Z'))).toBe(false);
		expect(hasExpired(expiresAt, new Date('2026-07-14T16:30:00.000Z'))).toBe(true);
		expect(hasExpired(new Date(expiresAt), new Date('2026-08-01T00:00:00Z'))).toBe(true);
	});

	it('is said in London time, as people in England read a time', () => {
		// British Summer Time: an hour ahead of UTC.
		expect(formatExpiry('2026-07-14T16:30:00Z')).toBe('5:30pm on Tuesday 14 July 2026');
		// Greenwich Mean Time.
		expect(formatExpiry('2026-01-14T09:00:00Z')).toBe('9am on Wednesday 14 January 2026');
		expect(formatExpiry('2026-01-14T12:00:00Z')).toBe('midday on Wednesday 14 January 2026');
		expect(formatExpiry('2026-01-14T00:00:00Z')).toBe('midnight on Wednesday 14 January 2026');
	});
});
