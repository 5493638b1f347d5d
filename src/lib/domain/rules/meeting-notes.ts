/**
 * Notes taken in meeting mode, written into the meeting page's own fields: each supporter's views
 * as one entry of "the views of everyone supporting the young person", found again by name and
 * role; and whether the young person came, kept in step with the attendance sheet.
 */
import type { MeetingPage } from '../schemas/section-b';

type SupporterView = MeetingPage['supporterViews'][number];
type Attended = NonNullable<MeetingPage['youngPersonAttended']>;

const same = (a: string, b: string) =>
	a.trim().toLocaleLowerCase('en-GB') === b.trim().toLocaleLowerCase('en-GB');

/** Where this person's entry is in the list, or -1. */
export function supporterViewIndex(
	views: readonly SupporterView[],
	who: { name: string; role: string }
): number {
	return views.findIndex((v) => same(v.name, who.name) && same(v.role, who.role));
}

/** The views already written for this person, or ''. */
export function supporterViewOf(
	views: readonly SupporterView[],
	who: { name: string; role: string }
): string {
	return views[supporterViewIndex(views, who)]?.views ?? '';
}

/** The list with this person's views set: their entry changed, or a new one added at the end. */
export function withSupporterView(
	views: readonly SupporterView[],
	who: { name: string; role: string },
	text: string
): SupporterView[] {
	const index = supporterViewIndex(views, who);
	if (index === -1) return [...views, { name: who.name, role: who.role, views: text }];
	return views.map((v, i) => (i === index ? { ...v, views: text } : v));
}

/**
 * "Did the young person attend?" after they are ticked as arrived on the attendance sheet, or
 * the tick taken off: ticked, they came (or came for part, if that is already said); unticked,
 * a "yes" from an earlier tick no longer holds.
 */
export function attendedAfterTick(
	current: Attended | undefined,
	arrived: boolean
): Attended | undefined {
	if (arrived) return current === 'part' ? 'part' : 'yes';
	return current === 'yes' ? 'no' : current;
}
