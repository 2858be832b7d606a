// The languages of what maillog writes for people: English, and Vietnamese
// for explain and compare (the SMTP reference and the causes' texts).

export const LANGS = ['en', 'vi'] as const;
export type Lang = (typeof LANGS)[number];
