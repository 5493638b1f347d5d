/**
 * Sequence tokens the gateway hands to devices: the backend's own sequence with the fingerprint of
 * the caller's access in front. When a device comes back with a token whose fingerprint is not its
 * current one, its access has changed since, so its changes feed starts again from the beginning.
 *
 * A device starting afresh is sent a snapshot of what it may read, page by page (changes.ts). A
 * token in the middle of a snapshot says where to carry on: the backend sequence the snapshot was
 * taken at, which of the caller's id ranges it had reached, and the last id sent from that range.
 */
export interface SnapshotPosition {
	/** The backend sequence noted before the snapshot began: the feed carries on from there. */
	base: string | number;
	/** Index into the caller's id ranges (the same ranges for as long as the fingerprint holds). */
	range: number;
	/** The last id sent from that range. */
	after: string;
}

export type Since =
	{ kind: 'seq'; seq: string | number } | ({ kind: 'snapshot' } & SnapshotPosition);

export function encodeSeq(fingerprint: string, seq: string | number): string {
	return `${fingerprint}~${typeof seq === 'number' ? `n${seq}` : `s${seq}`}`;
}

export function encodeSnapshotSeq(fingerprint: string, position: SnapshotPosition): string {
	const json = JSON.stringify([position.base, position.range, position.after]);
	return `${fingerprint}~p${Buffer.from(json).toString('base64url')}`;
}

/** Where to continue from: sequence 0 for none, a mismatch, or a token we did not issue. */
export function parseSince(since: unknown, fingerprint: string): Since {
	const start: Since = { kind: 'seq', seq: 0 };
	if (typeof since !== 'string') return start;
	const at = since.indexOf('~');
	if (at < 0 || since.slice(0, at) !== fingerprint) return start;
	const seq = since.slice(at + 1);
	if (/^n\d+$/.test(seq)) return { kind: 'seq', seq: Number(seq.slice(1)) };
	if (seq.startsWith('s') && seq.length > 1) return { kind: 'seq', seq: seq.slice(1) };
	if (seq.startsWith('p')) return snapshotPosition(seq.slice(1)) ?? start;
	return start;
}

/** The backend sequence to continue the feed from (a snapshot's base, for a snapshot token). */
export function continueFrom(since: unknown, fingerprint: string): string | number {
	const parsed = parseSince(since, fingerprint);
	return parsed.kind === 'seq' ? parsed.seq : parsed.base;
}

function snapshotPosition(encoded: string): ({ kind: 'snapshot' } & SnapshotPosition) | null {
	try {
		const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
		if (!Array.isArray(value) || value.length !== 3) return null;
		const [base, range, after] = value as unknown[];
		const baseOk =
			(typeof base === 'number' && Number.isInteger(base) && base >= 0) || typeof base === 'string';
		if (!baseOk || !Number.isInteger(range) || (range as number) < 0 || typeof after !== 'string') {
			return null;
		}
		return { kind: 'snapshot', base: base as string | number, range: range as number, after };
	} catch {
		return null;
	}
}
