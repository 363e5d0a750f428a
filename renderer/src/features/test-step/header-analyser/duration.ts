/** Delays as a person says them: the pure part of the hop list, tested on its own. */
import type { Hop } from '../../../../../preload/contract';

/** "3 seconds", "4 minutes 12 seconds", "2 hours 5 minutes": delays read as words, not units. */
export function durationInWords(ms: number): string {
  const seconds = Math.round(Math.abs(ms) / 1000);
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (seconds === 0) return 'under a second';
  if (seconds < 60) return unit(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? unit(minutes, 'minute') : `${unit(minutes, 'minute')} ${unit(seconds % 60, 'second')}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(minutes % 60, 'minute')}`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? unit(days, 'day') : `${unit(days, 'day')} ${unit(hours % 24, 'hour')}`;
}

/** How long after the previous hop this one was stamped, or why that cannot be said. */
export function delayText(hop: Hop): string {
  if (hop.date === null) return 'No readable date, so no delay can be worked out.';
  if (hop.delayMs === null) return hop.index === 1 ? 'The first server to receive the message.' : 'No earlier date to compare with.';
  if (hop.delayMs < 0) return `Stamped ${durationInWords(hop.delayMs)} before the previous hop: the two servers’ clocks disagree.`;
  return `${durationInWords(hop.delayMs)} after the previous hop.`;
}
