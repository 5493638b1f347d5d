import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roles } from '$lib/domain/roles';
import { parseSessionUser } from './current-user';
import { sessionUser } from './session';

const validUser = fc.record({
	userId: fc.stringMatching(/^[A-Za-z0-9_-]{4,64}$/),
	displayName: fc.string({ minLength: 1 }),
	role: fc.constantFrom(...roles)
});

/** Near misses: one field replaced, removed or added. */
const mutated = fc
	.tuple(
		validUser,
		fc.constantFrom('userId', 'displayName', 'role', 'extra'),
		fc.oneof(
			fc.constantFrom(undefined, null, '', 'abc', 'a'.repeat(65), 'ab cd', 'abcd!', 'Admin'),
			fc.string(),
			fc.anything()
		),
		fc.boolean()
	)
	.map(([user, field, value, remove]) => {
		const copy: Record<string, unknown> = { ...user };
		if (remove) delete copy[field];
		else copy[field] = value;
		return copy;
	});

describe('parseSessionUser', () => {
	it('accepts and returns exactly what the sign-in schema does', () => {
		fc.assert(
			fc.property(fc.oneof(validUser, mutated, mutated, fc.anything()), (value) => {
				const zod = sessionUser.safeParse(value);
				expect(parseSessionUser(value)).toEqual(zod.success ? zod.data : null);
			}),
			{ numRuns: 2_000 }
		);
	});

	it('keeps a remembered user as it was stored', () => {
		const user = { userId: 'user_0001', displayName: 'Sam Patel', role: 'social-worker' };
		expect(parseSessionUser(JSON.parse(JSON.stringify(user)))).toEqual(user);
	});
});
