/** The on-premises server kinds the app knows how to help with (zod-free: the renderer uses it). */
export const SERVER_KINDS = ['exchange', 'postfix', 'other'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];
