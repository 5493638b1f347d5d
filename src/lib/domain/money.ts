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

/**
 * An amount field's draft value: whole pence once what was typed reads as money, what was typed
 * while it does not (so a draft keeps it to be put right), nothing when the field is empty.
 */
export function draftPence(typed: string): number | string | undefined {
	if (typed.trim() === '') return undefined;
	const read = penceFromPounds(typed);
	return read.ok ? read.pence : typed;
}

/** What an amount field shows for its draft value: pounds without the sign, or the text kept. */
export function amountAsTyped(drafted: number | string | undefined): string {
	return typeof drafted === 'number' ? poundsFromPence(drafted).replace('£', '') : (drafted ?? '');
}

/** Why a typed amount is not money, or null when it is (or nothing was typed). */
export function amountProblem(typed: string | undefined): string | null {
	if (typed === undefined || typed.trim() === '') return null;
	const read = penceFromPounds(typed);
	return read.ok ? null : read.message;
}
