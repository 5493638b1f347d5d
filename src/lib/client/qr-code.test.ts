import { describe, expect, it } from 'vitest';
import { joinLink } from './invitations';
import { qrOutline } from './qr-code';

describe('qrOutline', () => {
	const link = joinLink('https://pep.example.gov.uk', 'ABCD EFGH JKMN');

	it('encodes the join link, with the code after # and without spaces', () => {
		expect(link).toBe('https://pep.example.gov.uk/join#code=ABCDEFGHJKMN');
	});

	it('draws a square symbol with its three finder patterns', () => {
		const { size, path } = qrOutline(link);
		// Versions 1 to 40 are 21 to 177 squares a side, in steps of 4.
		expect((size - 21) % 4).toBe(0);
		expect(size).toBeLessThanOrEqual(41);
		// Top left and top right: a row of 7 dark squares at the very top.
		expect(path.startsWith('M0 0h7v1h-7z')).toBe(true);
		expect(path).toContain(`M${size - 7} 0h7v1h-7z`);
		// Bottom left.
		expect(path).toContain(`M0 ${size - 1}h7v1h-7z`);
	});

	it('draws only squares inside the symbol', () => {
		const { size, path } = qrOutline(link);
		for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
			expect(Number(x) + Number(w)).toBeLessThanOrEqual(size);
			expect(Number(y)).toBeLessThan(size);
		}
	});

	it('differs for a different code', () => {
		expect(qrOutline(link).path).not.toBe(
			qrOutline(joinLink('https://pep.example.gov.uk', 'ABCD EFGH JKMP')).path
		);
	});
});
