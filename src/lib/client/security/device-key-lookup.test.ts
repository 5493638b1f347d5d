import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeviceKey } from './device-key-lookup';
import { deviceKey } from './device-keys';

const validKey = fc.record({
	userId: fc.string({ minLength: 1 }),
	key: fc.record({
		version: fc.constant(1),
		salt: fc.string({ minLength: 1 }),
		iterations: fc.integer({ min: 1, max: 2_000_000 }),
		wrapped: fc.string({ minLength: 1 })
	}),
	failedAttempts: fc.nat(20),
	deviceId: fc.string({ minLength: 1 })
});

/** Near misses: one field of the key, or of the key inside it, replaced, removed or added. */
const wrong = fc.oneof(
	fc.constantFrom(undefined, null, '', 0, -1, -0, 1.5, 2, '1', NaN, Infinity),
	fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, [], {}),
	fc.anything()
);
const mutated = fc
	.tuple(
		validKey,
		fc.constantFrom('userId', 'key', 'failedAttempts', 'deviceId', 'extra'),
		fc.constantFrom('version', 'salt', 'iterations', 'wrapped', 'extra', null),
		wrong,
		fc.boolean()
	)
	.map(([key, field, inner, value, remove]) => {
		const copy: Record<string, unknown> = { ...key, key: { ...key.key } };
		const target = inner && field === 'key' ? (copy.key as Record<string, unknown>) : copy;
		const name = inner && field === 'key' ? inner : field;
		if (remove) delete target[name];
		else target[name] = value;
		return copy;
	});

describe('parseDeviceKey', () => {
	it('accepts and returns exactly what the schema that writes the key does', () => {
		fc.assert(
			fc.property(fc.oneof(validKey, mutated, mutated, fc.anything()), (value) => {
				const zod = deviceKey.safeParse(value);
				expect(parseDeviceKey(value)).toEqual(zod.success ? zod.data : null);
			}),
			{ numRuns: 3_000 }
		);
	});

	it('reads a key as it is written', () => {
		const stored = {
			userId: 'user_0001',
			key: { version: 1 as const, salt: 'c2FsdA==', iterations: 600_000, wrapped: 'd3JhcA==' },
			failedAttempts: 2,
			deviceId: 'device-1'
		};
		expect(parseDeviceKey(deviceKey.parse(stored))).toEqual(stored);
	});
});
