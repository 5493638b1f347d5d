/**
 * How sign-in keeps password guessing out without letting a stranger lock anyone out.
 *
 * - From a browser where the account has signed in before (`known-devices.ts`), only that
 *   browser's own wrong passwords count: five in fifteen minutes, and then it is treated as any
 *   other browser. Whatever others do to the account or the network, the person gets in there.
 * - Any other attempt is counted three ways: the account from this network address (locked
 *   after five, which stops one person guessing); the account from anywhere (slowed after ten,
 *   which stops guessing spread over many addresses); and the address for any account (slowed
 *   after thirty, which stops one address trying many accounts without shutting a school's
 *   shared network out for long).
 *
 * An unknown email address is counted exactly as a known one is, so the limits do not tell who
 * has an account.
 */
import { recordFailure, clearFailures, retryAfter, type LimitKind } from './rate-limit';

export interface SignInAttempt {
	/** As typed, trimmed; counted without regard to case. */
	email: string;
	address: string;
	/** This browser's known-device token for the account, if it holds one. */
	knownDeviceToken: string | null;
}

type Count = [LimitKind, string];

/**
 * The counts this attempt is checked against and adds to: its known-device token's own while
 * that has failures to spare, otherwise the account, the address, and the two together.
 */
export async function countsFor(users: PouchDB.Database, attempt: SignInAttempt): Promise<Count[]> {
	const token = attempt.knownDeviceToken;
	if (token !== null && (await retryAfter(users, 'known-device', token)) === 0) {
		return [['known-device', token]];
	}
	const email = attempt.email.toLowerCase();
	return [
		['account-address', `${email}\n${attempt.address}`],
		['account', email],
		['address', attempt.address]
	];
}

/** Seconds until this attempt may be tried, or 0 when it may be now. */
export async function signInWait(users: PouchDB.Database, counts: Count[]): Promise<number> {
	const waits = await Promise.all(counts.map(([kind, value]) => retryAfter(users, kind, value)));
	return Math.max(0, ...waits);
}

export async function recordSignInFailure(users: PouchDB.Database, counts: Count[]): Promise<void> {
	await Promise.all(counts.map(([kind, value]) => recordFailure(users, kind, value)));
}

/**
 * A correct password clears what only its own guessing could have filled (this browser's token,
 * or the account from this address); the account's and the address's counts, which strangers
 * share, run out on their own, so a sign-in does not give a guesser a fresh allowance.
 */
export async function recordSignInSuccess(users: PouchDB.Database, counts: Count[]): Promise<void> {
	const own = counts.filter(([kind]) => kind === 'known-device' || kind === 'account-address');
	await Promise.all(own.map(([kind, value]) => clearFailures(users, kind, value)));
}

/** What a refused attempt is told: how long to wait, in the unit that reads best. */
export function tooManyAttempts(wait: number): string {
	const when =
		wait < 60
			? `${wait} second${wait === 1 ? '' : 's'}`
			: `${Math.ceil(wait / 60)} minute${Math.ceil(wait / 60) === 1 ? '' : 's'}`;
	return `Too many attempts to sign in. Try again in ${when}.`;
}
