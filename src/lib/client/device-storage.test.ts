import { describe, expect, it } from 'vitest';
import { describeStorage, formatBytes, readStorage } from './device-storage';

describe('storage in words', () => {
	it('gives sizes as a device shows them', () => {
		expect(formatBytes(0)).toBe('0 bytes');
		expect(formatBytes(1)).toBe('1 byte');
		expect(formatBytes(999)).toBe('999 bytes');
		expect(formatBytes(850_000)).toBe('850 KB');
		expect(formatBytes(12_345_678)).toBe('12 MB');
		expect(formatBytes(1_234_567)).toBe('1.2 MB');
		expect(formatBytes(2_000_000_000)).toBe('2 GB');
	});

	it('warns only when more than 80% of the space is used', () => {
		const gb = 1_000_000_000;
		expect(describeStorage({ usage: 0.8 * gb, quota: gb, persisted: true })).toMatchObject({
			percentUsed: 80,
			nearlyFull: false
		});
		expect(describeStorage({ usage: 0.81 * gb, quota: gb, persisted: true })).toMatchObject({
			used: '810 MB',
			quota: '1 GB',
			left: '190 MB',
			percentUsed: 81,
			nearlyFull: true
		});
		// A browser that allows nothing is full.
		expect(describeStorage({ usage: 0, quota: 0, persisted: false }).nearlyFull).toBe(true);
	});

	it('never says 0% of data that is there', () => {
		expect(describeStorage({ usage: 5_000, quota: 10 ** 10, persisted: false }).percentUsed).toBe(
			1
		);
		expect(describeStorage({ usage: 0, quota: 10 ** 10, persisted: false }).percentUsed).toBe(0);
	});

	it('reads the browser, and says nothing where the browser cannot tell', async () => {
		const storage = {
			estimate: async () => ({ usage: 10, quota: 100 }),
			persisted: async () => true
		};
		expect(await readStorage(storage)).toEqual({ usage: 10, quota: 100, persisted: true });
		expect(await readStorage(undefined)).toBeNull();
		expect(
			await readStorage({
				estimate: async () => {
					throw new Error('private window');
				},
				persisted: async () => false
			})
		).toBeNull();
	});
});
