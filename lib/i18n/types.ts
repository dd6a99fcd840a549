/** Every string the reader pages show, for one interface language. */
export interface Messages {
  /** Name of the language in itself, for the switcher. */
  languageName: string;
  siteName: string;
  siteTagline: string;
  skipToContent: string;
  homeTitle: string;
  homeIntro: string;
  emptyTitle: string;
  emptyReader: string;
  emptyOperator: string;
  emptyOperatorLink: string;
  accountTitle: string;
  accountIntro: string;
  accountEmpty: string;
  announcementTitle: string;
  official: string;
  officialExplained: string;
  postedOn: string;
  /** A boosted post's credit: "Shared by {name}". */
  sharedBy: string;
  contentWarning: string;
  contentWarningOpen: string;
  picture: string;
  noDescription: string;
  /** Shown where a picture could not be fetched or read; its description still follows. */
  pictureNotAvailable: string;
  listen: string;
  readMore: string;
  moreFrom: string;
  original: string;
  older: string;
  newest: string;
  backToAll: string;
  notFoundTitle: string;
  notFoundText: string;
  newAnnouncementsOne: string;
  newAnnouncementsOther: string;
  settingsLink: string;
  settingsTitle: string;
  settingsIntro: string;
  themeLegend: string;
  themeSystem: string;
  themeLight: string;
  themeDark: string;
  themeYellow: string;
  sizeLegend: string;
  sizeNames: [string, string, string, string, string];
  languageLegend: string;
  languageAuto: string;
  save: string;
  saved: string;
  feedsTitle: string;
  feedsIntro: string;
  /** Emergency push: the heading, what works without JavaScript, the button reader.js adds, and its outcomes. */
  pushTitle: string;
  pushIntro: string;
  pushButton: string;
  pushDone: string;
  pushFailed: string;
  feedRss: string;
  feedAtom: string;
  today: string;
  yesterday: string;
  timeZoneNote: string;
  /** The same, for a zone other than UTC; {zone} is its name in this language ("United Kingdom Time"). */
  timeZoneNoteLocal: string;
  offlineNote: string;
}
