const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A saved time (ISO 8601) in the reader's own words and time zone. */
export const formatTime = (iso: string): string => dateFormat.format(new Date(iso));
