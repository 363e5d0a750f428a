const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A saved time (ISO 8601) in the reader's own words and time zone. */
export const formatTime = (iso: string): string => dateFormat.format(new Date(iso));

/** A day (ISO 8601 date or time) in the reader's own words, without the time. */
export const formatDay = (iso: string): string => dayFormat.format(new Date(iso));

/** An ISO 8601 UTC time as the checks write it in their summaries and evidence. */
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z\b/g;

/**
 * Text from the checks (shared with the CLI, which keeps ISO times for scripts) with each ISO time
 * written in the reader's locale and time zone: "expires in 10 days (11 Dec 2026, 09:30)".
 */
export const localizeTimes = (text: string): string => text.replace(ISO_TIME, (iso) => (Number.isNaN(Date.parse(iso)) ? iso : formatTime(iso)));
