/** Where the diagram draws each party and path, and the words said about each path. */
import type { FlowPath, FlowPathId, FlowState } from './mail-flow';

const STATE_LABELS: Readonly<Record<FlowState, string>> = { proved: 'Proved', failing: 'Failing', unchecked: 'Not yet proved' };

/** Drawing units of the viewBox; the SVG scales to its column. */
export const VIEW_WIDTH = 840;
export const VIEW_HEIGHT = 330;
export const BOX_WIDTH = 140;
export const BOX_TOP = 14;
export const BOX_HEIGHT = 302;
export const ARROW_GAP = 8;
export const HEAD = 11;

/** Left edges of the three parties, from the guide's picture: Sun, Bob, John. */
const INTERNET_X = 10;
const OFFICE_X = 350;
const SERVER_X = 690;

export interface Party {
  readonly x: number;
  readonly title: string;
  readonly subtitle: readonly string[];
  readonly person: string;
  /** Who they are for an admin, on one or two short lines under the guide's name. */
  readonly role: readonly string[];
  readonly tone: 'plain' | 'cloud';
}

export const PARTIES: readonly Party[] = [
  { x: INTERNET_X, title: 'The Internet', subtitle: ['anyone outside'], person: 'Sun', role: ['people on', 'the Internet'], tone: 'plain' },
  { x: OFFICE_X, title: 'Office 365', subtitle: ['Exchange Online', 'Protection'], person: 'Bob', role: ['your users', 'in Office 365'], tone: 'cloud' },
  { x: SERVER_X, title: 'Your server', subtitle: ['on-premises'], person: 'John', role: ['your users', 'on the server'], tone: 'plain' },
];

interface Lane {
  readonly name: string;
  /** Where the mail goes, in words, for the tooltip and the screen-reader list. */
  readonly route: string;
  readonly from: number;
  readonly to: number;
  readonly y: number;
  readonly twoWay: boolean;
}

export const LANES: Readonly<Record<FlowPathId, Lane>> = {
  mx: { name: 'MX record', route: 'Internet mail for your domains arrives at Office 365', from: INTERNET_X + BOX_WIDTH, to: OFFICE_X, y: 80, twoWay: false },
  'office365-internet': { name: 'Office 365 ↔ Internet', route: 'your users in Office 365 (Bob) and people on the Internet (Sun), both ways', from: OFFICE_X, to: INTERNET_X + BOX_WIDTH, y: 170, twoWay: true },
  'internet-relay': { name: 'Relay to the Internet', route: 'Office 365 sends your server’s mail on to the Internet', from: OFFICE_X, to: INTERNET_X + BOX_WIDTH, y: 260, twoWay: false },
  'outbound-connector': { name: 'Outbound connector', route: 'Office 365 to your server', from: OFFICE_X + BOX_WIDTH, to: SERVER_X, y: 120, twoWay: false },
  'inbound-connector': { name: 'Inbound connector', route: 'your server to Office 365', from: SERVER_X, to: OFFICE_X + BOX_WIDTH, y: 225, twoWay: false },
};

/** Bob ↔ Sun is proved by definition: say why rather than "Proved". */
export const stateText = (path: FlowPath): string => (path.id === 'office365-internet' ? 'No connector needed' : STATE_LABELS[path.state]);

export const pathSentence = (path: FlowPath): string => `${LANES[path.id].name} (${LANES[path.id].route}): ${stateText(path).toLowerCase()}. ${path.reason}`;
