/**
 * Pounds as people type them and pence as the record keeps them: money is never a float
 * (targets.ts keeps Pupil Premium Plus in whole pence).
 */
export type PenceResult = { ok: true; pence: number } | { ok: false; message: string };

const POUNDS = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/** "£150", "150.5", "1,200.00" → pence; anything else says what to write instead. */
export function penceFromPounds(typed: string): PenceResult {
	const match = POUNDS.exec(typed.trim());
	if (!match) {
		return { ok: false, message: 'must be an amount in pounds and pence, like 150 or 150.50' };
	}
	const pounds = Number(match[1]!.replaceAll(',', ''));
	const pence = Number((match[2] ?? '0').padEnd(2, '0'));
	return { ok: true, pence: pounds * 100 + pence };
}

/** 15000 → "£150.00", 123456 → "£1,234.56". */
export function poundsFromPence(pence: number): string {
	return new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);
}
