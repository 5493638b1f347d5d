/**
 * A QR code as the outline of its dark squares, for an <svg> the page draws itself: no canvas,
 * no image from anywhere, no inline script or style, so it works offline and under the app's
 * Content-Security-Policy.
 *
 * Made with `qrcode` (npm): the most used QR encoder in JavaScript, MIT-licensed, maintained for
 * a decade, with no network access and no native parts; its `create` gives the matrix of squares,
 * which is all this needs.
 */
import { create } from 'qrcode';

export interface QrOutline {
	/** Squares along each side, without the quiet zone. */
	size: number;
	/** SVG path data: one `M x y h w v 1 h -w z` per run of dark squares in a row. */
	path: string;
}

export function qrOutline(text: string): QrOutline {
	const { modules } = create(text, { errorCorrectionLevel: 'M' });
	const { size } = modules;
	const runs: string[] = [];
	for (let y = 0; y < size; y += 1) {
		let x = 0;
		while (x < size) {
			if (!modules.get(y, x)) {
				x += 1;
				continue;
			}
			const start = x;
			while (x < size && modules.get(y, x)) x += 1;
			runs.push(`M${start} ${y}h${x - start}v1h-${x - start}z`);
		}
	}
	return { size, path: runs.join('') };
}
