/**
 * How much of the device's storage the app uses, in words a person can act on. Browsers give
 * each site a share of the disk (the quota); when it runs out, nothing new can be saved, so the
 * device screen warns well before then.
 */

/** Above this share of the quota, the device screen warns that space is running out. */
export const nearlyFullShare = 0.8;

export interface StorageFigures {
	/** Bytes the app's data takes up on this device. */
	usage: number;
	/** Bytes the browser lets the app use in all. */
	quota: number;
	/** Whether the browser has agreed not to clear the app's data when the device is low on space. */
	persisted: boolean;
}

export interface StorageReport {
	used: string;
	quota: string;
	left: string;
	/** Whole per cent of the quota used. */
	percentUsed: number;
	nearlyFull: boolean;
	persisted: boolean;
}

export function describeStorage({ usage, quota, persisted }: StorageFigures): StorageReport {
	const share = quota > 0 ? usage / quota : 1;
	return {
		used: formatBytes(usage),
		quota: formatBytes(quota),
		left: formatBytes(Math.max(0, quota - usage)),
		// Never "0%" for data that is there, nor "100%" before it is all used.
		percentUsed: usage > 0 && share < 0.01 ? 1 : Math.min(Math.floor(share * 100), 100),
		nearlyFull: share > nearlyFullShare,
		persisted
	};
}

/** Bytes as devices show them, in powers of 1,000: "850 KB", "12.3 MB", "1.2 GB". */
export function formatBytes(bytes: number): string {
	const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
	let value = Math.max(0, bytes);
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit += 1;
	}
	if (unit === 0) return `${Math.round(value)} ${value === 1 ? 'byte' : 'bytes'}`;
	const digits = value < 10 ? 1 : 0;
	return `${value.toFixed(digits).replace(/\.0$/, '')} ${units[unit]}`;
}

/** The figures from the browser, or null where it cannot tell (an old browser, a private window). */
export async function readStorage(
	storage: Pick<StorageManager, 'estimate' | 'persisted'> | undefined = globalThis.navigator
		?.storage
): Promise<StorageFigures | null> {
	if (!storage?.estimate) return null;
	try {
		const [{ usage, quota }, persisted] = await Promise.all([
			storage.estimate(),
			storage.persisted?.() ?? Promise.resolve(false)
		]);
		if (usage === undefined || quota === undefined) return null;
		return { usage, quota, persisted };
	} catch {
		return null;
	}
}
