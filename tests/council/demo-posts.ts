// What `npm run demo` posts: council notices dated around today, in the
// control API's post format. Dates are computed so the notices never look stale.

export interface DemoPost {
  content: string;
  language?: string;
  summary?: string;
  visibility?: "public" | "unlisted" | "followers" | "direct";
  attachments?: { file: string; alt: string }[];
  tags?: string[];
  published?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function daysFrom(today: Date, days: number): Date {
  return new Date(today.getTime() + days * DAY_MS);
}

/** The next given weekday (0 = Sunday) at least `minimumDays` away. */
function nextWeekday(today: Date, weekday: number, minimumDays: number): Date {
  let date = daysFrom(today, minimumDays);
  while (date.getDay() !== weekday) date = daysFrom(date, 1);
  return date;
}

function formatDate(date: Date, locale: string, options: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long" }): string {
  return new Intl.DateTimeFormat(locale, options).format(date);
}

/** Three older notices, so the app's backfill from the outbox has something to show. */
export function getSeedPosts(today = new Date()): DemoPost[] {
  const at = (days: number, hour: number) => {
    const date = daysFrom(today, -days);
    date.setHours(hour, 15, 0, 0);
    return date.toISOString();
  };
  return [
    {
      published: at(6, 9),
      language: "en",
      content: "Street lights on Elm Grove and Orchard Close are out because of a cable fault. Our contractor is digging to reach it this week; the lights should be back on by Friday evening. Thanks for your patience.",
    },
    {
      published: at(4, 11),
      language: "en",
      content: `All council service centres close at 2 pm on ${formatDate(nextWeekday(today, 5, 0), "en-GB")} for staff training. The phone line (0800 555 0100) stays open until 5 pm, and you can still pay rates and report problems online at any time.`,
    },
    {
      published: at(2, 16),
      language: "en",
      content: "Good news: the water restrictions are lifted from today. Reservoir levels are back above 80 %. Garden hoses and sprinklers can be used again, but please keep watering to the evening. #WaterSupply",
    },
  ];
}

/** The notices posted once the app follows the council. */
export function getAnnouncements(today = new Date()): DemoPost[] {
  const holiday = nextWeekday(today, 1, 4);
  const worksStart = nextWeekday(today, 1, 2);
  const worksEnd = daysFrom(worksStart, 11);
  const drill = nextWeekday(today, 0, 3);
  const meeting = nextWeekday(today, 3, 1);
  return [
    {
      language: "en",
      content: `Because of the public holiday on ${formatDate(holiday, "en-GB")}, every bin collection that week moves one day later: Monday's bins are collected on Tuesday, Tuesday's on Wednesday, and Friday's on Saturday. Please have your bins at the kerb by 7 am. #BinDay`,
      tags: ["Recycling"],
    },
    {
      language: "nl",
      content: `Wegwerkzaamheden op de Brugstraat: van ${formatDate(worksStart, "nl-NL")} tot en met ${formatDate(worksEnd, "nl-NL")} is de Brugstraat afgesloten tussen de Markt en de Havenweg. Fietsers en voetgangers kunnen er wel langs. Leveranciers voor het café en de winkels kunnen vóór 10.00 uur laden en lossen via de Kerksteeg. Volg de gele omleidingsborden. #Wegwerkzaamheden`,
    },
    {
      language: "fr",
      content: `Canicule : vigilance orange à partir du ${formatDate(daysFrom(today, 1), "fr-FR")}. Buvez de l'eau régulièrement, fermez volets et fenêtres en journée et prenez des nouvelles de vos proches âgés ou isolés. Les salles rafraîchies de la médiathèque et de l'hôtel de ville sont ouvertes de 10 h à 19 h. En cas de malaise, appelez le 15. #Canicule`,
    },
    {
      language: "ja",
      content: `【避難訓練のお知らせ】${formatDate(drill, "ja-JP", { month: "long", day: "numeric", weekday: "short" })}午前10時から、市内全域で地震を想定した避難訓練を行います。防災行政無線とスマートフォンの緊急速報メールで訓練の放送が流れますが、実際の災害ではありません。お近くの指定避難所（小中学校の体育館など）まで歩いて避難してみましょう。雨天決行です。#防災訓練`,
    },
    {
      language: "mi",
      content: "Kua tuwhera anō te whare pukapuka matua! Nau mai, haere mai ki te whare pukapuka i te tiriti o Wikitōria. Kua whakahoutia te wāhi mō ngā tamariki, ā, kua nui ake te kohinga pukapuka reo Māori.\n\nNgā hāora tuwhera: Rāhina ki Rāmere, 9 i te ata ki te 6 i te ahiahi; Rāhoroi, 10 i te ata ki te 4 i te ahiahi. #WharePukapuka",
    },
    {
      language: "en",
      content: "Road closed: Station Road is closed between the roundabout and Mill Lane until about 6 pm today while we repair a burst water main. Please use the diversion via Park Avenue. Bus routes 3 and 7 are diverted and will not stop at the station. #RoadClosure",
      attachments: [{
        file: "road-closed.png",
        alt: "Illustration of a round red no-entry sign with a white bar, beside a red-and-white striped road barrier with an amber warning lamp, on an empty two-lane road.",
      }],
    },
    {
      language: "en",
      summary: "Flooding",
      content: "River Road and the riverside car park are flooded after overnight rain, and the water is still rising near the footbridge. Do not drive or walk through flood water: 30 cm of moving water can float a car. Sandbags are available at the Quarry Lane depot until 8 pm. Report blocked drains on 0800 555 0100. #Flooding",
    },
    {
      language: "en",
      visibility: "unlisted",
      content: `Reminder: the full council meeting on ${formatDate(meeting, "en-GB")} starts at 6 pm in the council chamber. Everyone is welcome to attend, and the meeting is livestreamed with captions. The agenda and reports are on the council website.`,
    },
  ];
}
