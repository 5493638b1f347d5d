/**
 * Password hashing with scrypt, a memory-hard KDF built into Node (no native add-on to build).
 * The stored form names its parameters, so they can be raised later and old hashes still verify.
 */
import {
	randomBytes,
	scrypt as scryptCallback,
	timingSafeEqual,
	type ScryptOptions
} from 'node:crypto';
import { availableParallelism } from 'node:os';

/**
 * Hashes at once, at most: one per core. Each scrypt hash holds 64 MiB while it runs, and Node's
 * thread pool would otherwise run four; more than the cores can compute adds memory (a burst of
 * sign-ins at the start of a school day) without finishing any sooner.
 */
const maxConcurrentHashes = Math.max(1, Math.min(4, availableParallelism()));
let running = 0;
const waiting: (() => void)[] = [];

async function scrypt(password: string, salt: Uint8Array, keylen: number, options: ScryptOptions) {
	// A finishing hash hands its place straight to the next in line.
	if (running < maxConcurrentHashes) running++;
	else await new Promise<void>((go) => waiting.push(go));
	try {
		return await new Promise<Uint8Array>((resolve, reject) =>
			scryptCallback(password, salt, keylen, options, (error, key) =>
				error ? reject(error) : resolve(new Uint8Array(key))
			)
		);
	} finally {
		const next = waiting.shift();
		if (next) next();
		else running--;
	}
}

/** About 64 MiB and ~100 ms per hash on a small server: slow for an attacker, fine for a sign-in. */
const defaults = { N: 2 ** 16, r: 8, p: 1 };
const KEY_LENGTH = 32;

export async function hashPassword(password: string, cost = defaults): Promise<string> {
	const salt = new Uint8Array(randomBytes(16));
	const key = await scrypt(password, salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r });
	return [
		'scrypt',
		cost.N,
		cost.r,
		cost.p,
		Buffer.from(salt).toString('base64url'),
		Buffer.from(key).toString('base64url')
	].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, hash] = stored.split('$');
	if (scheme !== 'scrypt' || !salt || !hash) return false;
	const cost = { N: Number(n), r: Number(r), p: Number(p) };
	const expected = new Uint8Array(Buffer.from(hash, 'base64url'));
	const actual = await scrypt(
		password,
		new Uint8Array(Buffer.from(salt, 'base64url')),
		expected.length,
		{
			...cost,
			maxmem: 256 * cost.N * cost.r
		}
	);
	return timingSafeEqual(actual, expected);
}

/** A hash of a random password, verified against when the account does not exist, so that an
 * unknown email takes as long to refuse as a wrong password. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword(randomBytes(16).toString('hex'));
	return decoy;
}
