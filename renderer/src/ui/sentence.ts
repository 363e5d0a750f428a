/** The text with its first letter capitalised, for core phrases that start a sentence on screen. */
export const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
