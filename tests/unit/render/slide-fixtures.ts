import type { SlideContent } from "../../../lib/render/slide-content.ts";

// The fixed set the golden images are rendered from. Changing a text here means
// regenerating the references (UPDATE_GOLDEN=1) and looking at every one again.

const base = {
  readerUrl: "https://crier.example.org/announcements/",
  accountName: "Demo City Council",
  handle: "@council@council.example",
  isOfficial: true,
  sharedBy: null,
  published: "2026-11-20T09:00:00.000Z",
  summary: null,
  isEmergency: false,
  image: null,
} satisfies Partial<SlideContent>;

const make = (id: string, fields: Partial<SlideContent> & Pick<SlideContent, "text" | "language">): SlideContent => ({ ...base, id, ...fields, readerUrl: `${base.readerUrl}${id}` });

const longText = Array.from({ length: 16 }, (_, i) =>
  `Paragraph ${i + 1}: the council meets on Thursday to discuss the new bus timetable, the library opening hours and repairs to the swimming pool roof.`,
).join(" ").slice(0, 2000);

export const SLIDE_FIXTURES: SlideContent[] = [
  make("english", { language: "en", text: "Bins are collected on Saturday this week because of the public holiday on Friday. Please put your bin out by 7am. #BinDay" }),
  make("dutch", { language: "nl", accountName: "Gemeente Ĳsselstein", text: "De markt verhuist tijdelijk naar het Stationsplein, vóór het café. Één dag per week: zaterdag. Coöperatie en één-op-één hulp blijven bereikbaar." }),
  make("japanese", { language: "ja", accountName: "デモ市役所", text: "今週の燃えるごみの収集は土曜日です。金曜日は祝日のため、午前7時までにごみを出してください。" }),
  make("arabic", { language: "ar", accountName: "بلدية المدينة", text: "تُجمع النفايات يوم السبت هذا الأسبوع بسبب العطلة الرسمية يوم الجمعة. يرجى إخراج الحاوية قبل الساعة السابعة صباحًا." }),
  make("emoji", { language: "en", text: "Summer fair on Sunday 🎉🎡 Face painting 🎨, music 🎶 and ice cream 🍦 for everyone! Emoji newer than Twemoji 15 must vanish: 🫩🫆🐦‍🔥" }),
  make("image", {
    language: "en",
    text: "Queen Street is closed between the bridge and the market from Monday to Wednesday for resurfacing. Use the detour via Station Road.",
    image: { url: "https://council.example/media/road-closed.png", alt: "A map of Queen Street with the closed section marked in red and the detour via Station Road in blue.", isHidden: false },
  }),
  make("content-warning", { language: "en", summary: "Flooding", text: "The river is expected to rise above the flood level tonight. Residents of Riverside Road should move cars to higher ground. Sandbags are at the depot." }),
  make("long", { language: "en", text: longText }),
  make("one-word", { language: "en", text: "Fireworks" }),
  make("boost", { language: "en", accountName: "Fire and Emergency", isOfficial: false, sharedBy: "Demo City Council", text: "Evacuate Riverside Road now: the stop bank is failing. Go to the school hall on Hill Street." }),
];

export const GOLDEN_SIZES = [
  { name: "1920x1080", width: 1920, height: 1080, variant: "color", theme: "dark" },
  { name: "1080x1920", width: 1080, height: 1920, variant: "color", theme: "dark" },
  { name: "800x480-epaper", width: 800, height: 480, variant: "epaper", theme: "light" },
] as const;
