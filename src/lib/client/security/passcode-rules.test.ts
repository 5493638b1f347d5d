import { describe, expect, it } from 'vitest';
import { newPasscodeErrors, newPasscodeForm } from './passcode-form';
import { triesLeft, wrongPasscodeMessage } from './passcode-rules';

describe('choosing a passcode', () => {
	it('needs 6 characters or more, entered the same twice', () => {
		const errors = (passcode: string, confirm: string) => {
			const form = newPasscodeForm.safeParse({ passcode, confirm });
			return form.success
				? { passcode: undefined, confirm: undefined }
				: newPasscodeErrors(form.error);
		};
		expect(errors('', '')).toEqual({
			passcode: 'Enter a passcode',
			confirm: 'Enter your passcode again'
		});
		expect(errors('12345', '12345').passcode).toBe('Passcode must be 6 characters or more');
		expect(errors('123456', '123465').confirm).toBe(
			'Passcodes do not match. Enter the same passcode twice'
		);
		expect(errors('kettle', 'kettle')).toEqual({ passcode: undefined, confirm: undefined });
	});
});

describe('wrong passcodes', () => {
	it('say how many tries are left from the 7th wrong one, and not before', () => {
		expect(wrongPasscodeMessage(triesLeft(6))).toBe('The passcode is not correct');
		expect(wrongPasscodeMessage(triesLeft(7))).toContain('You have 3 more tries');
		expect(wrongPasscodeMessage(triesLeft(9))).toContain('You have 1 more try.');
		expect(wrongPasscodeMessage(triesLeft(9))).toContain('the data on this device will be removed');
		expect(triesLeft(10)).toBe(0);
	});
});
