import { describe, expect, it } from 'vitest';
import { accountForm, codeForm, firstErrors } from './join-form';

describe('the code form', () => {
	const errorFor = (code: string) => {
		const result = codeForm.safeParse({ code });
		return result.success ? undefined : firstErrors(result.error, ['code'] as const).code;
	};

	it('reads the code however it was typed', () => {
		expect(codeForm.parse({ code: ' abcd-efgh jkmn ' })).toEqual({ code: 'ABCDEFGHJKMN' });
		expect(codeForm.parse({ code: 'o1l2 3456 789i' })).toEqual({ code: '011234567891' });
	});

	it('says what is wrong in plain words', () => {
		expect(errorFor('')).toBe('Enter your code');
		expect(errorFor('ABCD EFGH')).toBe('Your code is too short. It has 12 letters and numbers.');
		expect(errorFor('ABCD EFGH JKMN P')).toBe(
			'Your code is too long. It has 12 letters and numbers.'
		);
		expect(errorFor('ABCD EFGH JKM?')).toMatch(/^Your code can only have numbers and letters/);
	});
});

describe('the account form', () => {
	const errorsFor = (email: string, password: string, confirm: string) => {
		const result = accountForm.safeParse({ email, password, confirm });
		return result.success
			? {}
			: firstErrors(result.error, ['email', 'password', 'confirm'] as const);
	};

	it('asks for every field', () => {
		expect(errorsFor('', '', '')).toEqual({
			email: 'Enter your email address',
			password: 'Make up a password',
			confirm: 'Type your password again'
		});
	});

	it('holds passwords to the rule every account has: 12 characters or more', () => {
		expect(errorsFor('jamie@example.org', 'short', 'short')).toEqual({
			password: 'Your password must have 12 or more letters, numbers or symbols'
		});
		expect(errorsFor('jamie@example.org', 'twelve chars', 'twelve chars')).toEqual({});
	});

	it('says when the two passwords differ, and when the email is not an email', () => {
		expect(errorsFor('jamie', 'purple tiger jumps', 'purple tiger jump')).toEqual({
			email: 'Enter your email address in the right format, like name@example.org',
			confirm: 'The two passwords are not the same. Type the same password twice'
		});
	});

	it('sends the email without spaces around it, and the password as typed', () => {
		expect(
			accountForm.parse({
				email: ' jamie@example.org ',
				password: ' purple tiger ',
				confirm: ' purple tiger '
			})
		).toMatchObject({ email: 'jamie@example.org', password: ' purple tiger ' });
	});
});
