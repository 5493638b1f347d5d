/**
 * Sequence tokens the gateway hands to devices: the backend's own sequence with the fingerprint of
 * the caller's access in front. When a device comes back with a token whose fingerprint is not its
 * current one, its access has changed since, so its changes feed starts again from the beginning.
 */
export interface SeqToken {
	fingerprint: string;
	seq: string | number;
}

export function encodeSeq(fingerprint: string, seq: string | number): string {
	return `${fingerprint}~${typeof seq === 'number' ? `n${seq}` : `s${seq}`}`;
}

/** The backend sequence to continue from: 0 for none, a mismatch, or a token we did not issue. */
export function continueFrom(since: unknown, fingerprint: string): string | number {
	if (typeof since !== 'string') return 0;
	const at = since.indexOf('~');
	if (at < 0 || since.slice(0, at) !== fingerprint) return 0;
	const seq = since.slice(at + 1);
	if (seq.startsWith('n') && /^n\d+$/.test(seq)) return Number(seq.slice(1));
	if (seq.startsWith('s') && seq.length > 1) return seq.slice(1);
	return 0;
}
