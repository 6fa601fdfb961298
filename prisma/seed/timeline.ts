import type { SeedSource, SeedTimeline } from './timeline.types';

/**
 * The first content of the timeline: the events of Ben Norton's article "Trump's tariffs are uniting
 * China, Europe, Japan, South Korea, & ASEAN against the US" (Multipolarista, 8 May 2025), with the sources
 * it cites. Dates carry only the precision the article supports: where it gives no day, none is invented;
 * where it gives no month either, the event is dated by year.
 */
const ARTICLE = 'https://multipolarista.com/2025/05/08/trump-tariffs-china-europe-japan-korea-asean/';
const ARTICLE_TITLE = "Trump's tariffs are uniting China, Europe, Japan, South Korea, & ASEAN against the US";

/** A fact the article reports itself: cited as the article, one distinct fragment per event (source URLs are unique). */
function article(fragment: string, quote: string): SeedSource {
  return { url: `${ARTICLE}#${fragment}`, publisher: 'Multipolarista', title: ARTICLE_TITLE, publishedAt: '2025-05-08', quote };
}

const ASEAN_MEMBERS: [string, string][] = [
  ['BN', 'Brunei'],
  ['KH', 'Cambodia'],
  ['ID', 'Indonesia'],
  ['LA', 'Laos'],
  ['MY', 'Malaysia'],
  ['MM', 'Myanmar'],
  ['PH', 'Philippines'],
  ['SG', 'Singapore'],
  ['TH', 'Thailand'],
  ['VN', 'Vietnam'],
];

const CJK_MEETING = '2025-03-30-china-japan-south-korea-trade-ministers-meet';
const LIBERATION_DAY = '2025-04-02-liberation-day-tariffs';
const TARIFFS_145 = '2025-04-us-145-percent-tariffs-on-china';
const JAPAN_PUSHBACK = '2025-japan-pushes-back-against-us-tariff-threats';
const CHINA_VIETNAM = '2025-china-and-vietnam-deepen-relations';
const GRAND_ENCIRCLEMENT = '2025-bessent-grand-encirclement-strategy';
const TOP_TRADING_PARTNER = '2025-china-top-trading-partner-of-japan-south-korea-and-asean';
const ASEAN_PLUS_3 = '2025-05-04-asean-plus-3-joint-statement';
const EUROPEAN_PARLIAMENT = '2025-05-06-china-european-parliament-lift-exchange-restrictions';
const CHINA_EU_LETTERS = '2025-05-china-eu-50th-anniversary-letters';
const CHINA_TALKS = '2025-05-07-beijing-willing-to-hold-talks';
const TRUMP_NO = '2025-05-trump-refuses-to-lower-145-percent-tariffs';

export const timeline: SeedTimeline = {
  actors: [
    { code: 'US', name: 'United States', kind: 'state' },
    { code: 'CN', name: 'China', kind: 'state', memberOf: ['ASEAN+3'] },
    { code: 'JP', name: 'Japan', kind: 'state', memberOf: ['ASEAN+3'] },
    { code: 'KR', name: 'South Korea', kind: 'state', memberOf: ['ASEAN+3'] },
    { code: 'IN', name: 'India', kind: 'state' },
    { code: 'KP', name: 'North Korea (DPRK)', kind: 'state' },
    { code: 'EU', name: 'European Union', kind: 'bloc' },
    { code: 'european-parliament', name: 'European Parliament', kind: 'organization', memberOf: ['EU'] },
    { code: 'ASEAN', name: 'Association of Southeast Asian Nations', kind: 'bloc', memberOf: ['ASEAN+3'] },
    { code: 'ASEAN+3', name: 'ASEAN Plus Three', kind: 'bloc' },
    ...ASEAN_MEMBERS.map(([code, name]) => ({ code, name, kind: 'state' as const, memberOf: ['ASEAN', 'ASEAN+3'] })),
    { code: 'donald-trump', name: 'Donald Trump', kind: 'person' },
    { code: 'scott-bessent', name: 'Scott Bessent', kind: 'person' },
    { code: 'xi-jinping', name: 'Xi Jinping', kind: 'person' },
    { code: 'fred-gao', name: 'Fred Gao', kind: 'person' },
  ],
  tags: [
    { slug: 'tariffs', name: 'Tariffs' },
    { slug: 'trade-war', name: 'Trade war' },
    { slug: 'liberation-day', name: 'Liberation Day' },
    { slug: 'trade-talks', name: 'Trade talks' },
    { slug: 'trade-deals', name: 'Trade deals' },
    { slug: 'trade-partners', name: 'Trading partners' },
    { slug: 'regional-cooperation', name: 'Regional cooperation' },
    { slug: 'financial-cooperation', name: 'Financial cooperation' },
    { slug: 'diplomacy', name: 'Diplomacy' },
    { slug: 'rcep', name: 'RCEP' },
    { slug: 'protectionism', name: 'Protectionism' },
  ],
  events: [
    {
      slug: CJK_MEETING,
      title: 'China, Japan and South Korea trade ministers hold first economic dialogue in five years',
      summary:
        'The trade ministers of China, Japan and South Korea met in what Reuters called "their first economic dialogue in five years". ' +
        'They agreed to increase their cooperation, move toward signing a trade deal and strengthen the Regional Comprehensive Economic Partnership (RCEP), an Asia-Pacific trade bloc that excludes the United States.',
      kind: 'meeting',
      date: '2025-03-30',
      actors: [
        { code: 'CN', role: 'participant' },
        { code: 'JP', role: 'participant' },
        { code: 'KR', role: 'participant' },
      ],
      tags: ['regional-cooperation', 'rcep', 'trade-deals'],
      sources: [
        {
          url: 'https://www.reuters.com/world/asia-pacific/south-korea-china-japan-agree-promote-regional-trade-trump-tariffs-loom-2025-03-30/',
          publisher: 'Reuters',
          title: 'South Korea, China, Japan agree to promote regional trade as Trump tariffs loom',
          publishedAt: '2025-03-30',
          quote: 'their first economic dialogue in five years',
        },
      ],
    },
    {
      slug: LIBERATION_DAY,
      title: 'Trump announces "Liberation Day" tariffs on countries around the world',
      summary:
        'US President Donald Trump announced, on a day he dubbed "Liberation Day", that he would impose high tariffs on countries around the world. ' +
        'The announcement came days after the trade ministers of China, Japan and South Korea met.',
      kind: 'tariff_action',
      date: '2025-04-02',
      actors: [
        { code: 'US', role: 'initiator' },
        { code: 'donald-trump', role: 'initiator' },
      ],
      tags: ['tariffs', 'trade-war', 'liberation-day'],
      sources: [
        article(
          'liberation-day',
          'what Trump dubbed "Liberation Day", on April 2, when the US president announced that he would impose high tariffs on countries around the world',
        ),
      ],
      relations: [{ type: 'follows', to: CJK_MEETING }],
    },
    {
      slug: TARIFFS_145,
      title: 'US imposes 145 % tariffs on China',
      summary: 'The Trump administration hit China with tariffs of 145 %, a level described as essentially a trade embargo.',
      kind: 'tariff_action',
      date: '2025-04',
      actors: [
        { code: 'US', role: 'initiator' },
        { code: 'donald-trump', role: 'initiator' },
        { code: 'CN', role: 'target' },
      ],
      tags: ['tariffs', 'trade-war'],
      sources: [article('tariffs-145', 'Trump hit China with tariffs of 145%, imposing what is essentially a trade embargo.')],
      relations: [{ type: 'escalates', to: LIBERATION_DAY }],
    },
    {
      slug: JAPAN_PUSHBACK,
      title: 'Japan pushes back against US tariff threats in trade negotiations',
      summary:
        "Japanese officials, angered by Trump's tariff threats, pushed back against the US in trade negotiations. " +
        'A Japanese lawmaker condemned Trump as a "delinquent kid extorting somebody".',
      kind: 'statement',
      date: '2025',
      actors: [
        { code: 'JP', role: 'initiator' },
        { code: 'US', role: 'target' },
        { code: 'donald-trump', role: 'target' },
      ],
      tags: ['tariffs', 'trade-talks', 'diplomacy'],
      sources: [article('japan-pushback', 'A Japanese lawmaker even condemned Trump as a "delinquent kid extorting somebody".')],
      relations: [{ type: 'responds_to', to: LIBERATION_DAY }],
    },
    {
      slug: CHINA_VIETNAM,
      title: "China and Vietnam deepen relations despite Washington's attempts to divide them",
      summary:
        "China and Vietnam deepened their relations despite Washington's attempts to divide them. " +
        'Vietnam was among the countries the Trump administration wanted to follow the US and "approach China as a group", according to Bloomberg.',
      kind: 'other',
      date: '2025',
      actors: [
        { code: 'CN', role: 'participant' },
        { code: 'VN', role: 'participant' },
      ],
      tags: ['regional-cooperation', 'diplomacy'],
      sources: [article('china-vietnam', "China and Vietnam have deepened their relations, despite Washington's attempts to divide them.")],
      relations: [{ type: 'related', to: GRAND_ENCIRCLEMENT }],
    },
    {
      slug: GRAND_ENCIRCLEMENT,
      title: 'Bessent outlines a "grand encirclement" strategy against China',
      summary:
        'US Treasury Secretary Scott Bessent said the Trump administration wanted Japan, South Korea, Vietnam and India to follow the US and "approach China as a group", according to Bloomberg. ' +
        'The approach has been described as a "grand encirclement" strategy aimed at isolating and weakening China.',
      kind: 'statement',
      date: '2025',
      actors: [
        { code: 'US', role: 'initiator' },
        { code: 'scott-bessent', role: 'initiator' },
        { code: 'CN', role: 'target' },
        { code: 'JP', role: 'target' },
        { code: 'KR', role: 'target' },
        { code: 'VN', role: 'target' },
        { code: 'IN', role: 'target' },
      ],
      tags: ['trade-war', 'diplomacy'],
      sources: [
        {
          url: 'https://www.bloomberg.com/news/articles/2025-bessent-grand-encirclement-china',
          publisher: 'Bloomberg',
          title: 'Bessent on approaching China as a group',
          quote: 'approach China as a group',
        },
      ],
      relations: [{ type: 'related', to: TARIFFS_145 }],
    },
    {
      slug: TOP_TRADING_PARTNER,
      title: 'China is the top trading partner of Japan, South Korea and ASEAN',
      summary:
        'China is the top trading partner of Japan, South Korea and ASEAN, and the number one trading partner of more than 120 countries.',
      kind: 'other',
      date: '2025',
      actors: [
        { code: 'CN', role: 'participant' },
        { code: 'JP', role: 'participant' },
        { code: 'KR', role: 'participant' },
        { code: 'ASEAN', role: 'participant' },
      ],
      tags: ['trade-partners', 'regional-cooperation'],
      sources: [article('china-top-trading-partner', 'China is the top trading partner of Japan, South Korea, and ASEAN.')],
      relations: [{ type: 'related', to: ASEAN_PLUS_3 }],
    },
    {
      slug: ASEAN_PLUS_3,
      title: 'ASEAN+3 finance ministers pledge to strengthen regional financial cooperation',
      summary:
        'The finance ministers and central bank governors of China, Japan, South Korea and the ASEAN member states met in Italy and published a joint statement pledging "to further strengthen regional financial cooperation". ' +
        'Without naming the United States or its tariffs, they criticised "escalating trade protectionism" as "leading to economic fragmentation, affecting trade, investment, and capital flows across the region".',
      kind: 'statement',
      date: '2025-05-04',
      actors: [
        { code: 'ASEAN+3', role: 'initiator' },
        { code: 'CN', role: 'participant' },
        { code: 'JP', role: 'participant' },
        { code: 'KR', role: 'participant' },
        { code: 'ASEAN', role: 'participant' },
      ],
      tags: ['financial-cooperation', 'regional-cooperation', 'protectionism', 'tariffs'],
      sources: [
        article(
          'asean-3-statement',
          'The finance ministers and central bank governors of China, Japan, South Korea, and members of the Association of Southeast Asian Nations (ASEAN) met in Italy on May 4 and published a joint statement pledging "to further strengthen regional financial cooperation".',
        ),
        article(
          'asean-3-protectionism',
          'Although they did not mention the United States and its tariffs by name, they criticized the "escalating trade protectionism", noting how it is "leading to economic fragmentation, affecting trade, investment, and capital flows across the region".',
        ),
      ],
      relations: [
        { type: 'responds_to', to: LIBERATION_DAY },
        { type: 'follows', to: CJK_MEETING },
      ],
    },
    {
      slug: EUROPEAN_PARLIAMENT,
      title: 'China and the European Parliament lift restrictions on mutual exchanges',
      summary:
        'Beijing announced that China and the European Parliament had agreed to lift restrictions on mutual exchanges between the legislative bodies of the two sides.',
      kind: 'agreement',
      date: '2025-05-06',
      actors: [
        { code: 'CN', role: 'participant' },
        { code: 'european-parliament', role: 'participant' },
        { code: 'EU', role: 'participant' },
      ],
      tags: ['diplomacy'],
      sources: [
        article(
          'china-european-parliament',
          'On May 6, Beijing announced that China and the European Parliament had agreed to lift restrictions on mutual exchanges between the legislative bodies of the two sides.',
        ),
      ],
    },
    {
      slug: CHINA_EU_LETTERS,
      title: 'China and EU leaders exchange letters on 50 years of diplomatic ties',
      summary:
        'Leaders of China and the European Union exchanged letters marking the 50th anniversary of diplomatic ties and agreed to deepen cooperation in the face of challenges posed by US President Donald Trump, the South China Morning Post reported. ' +
        'Xi Jinping called on the two sides to "adhere to multilateralism" and "oppose unilateral bullying"; EU officials said the bloc "remains committed to deepening our partnership with China".',
      kind: 'statement',
      date: '2025-05',
      actors: [
        { code: 'CN', role: 'participant' },
        { code: 'xi-jinping', role: 'participant' },
        { code: 'EU', role: 'participant' },
      ],
      tags: ['diplomacy'],
      sources: [
        {
          url: 'https://www.scmp.com/news/china/diplomacy/article/china-eu-50th-anniversary-letters',
          publisher: 'South China Morning Post',
          title: 'China and EU leaders exchange letters on 50th anniversary of ties',
          quote: 'a healthy and stable China-EU relationship will not only achieve mutual success, but also illuminate the world',
        },
        article(
          'china-eu-letters',
          'European officials told Beijing that the EU “remains committed to deepening our partnership with China”, in a "balanced relationship, built on fairness and reciprocity".',
        ),
      ],
      relations: [
        { type: 'related', to: EUROPEAN_PARLIAMENT },
        { type: 'responds_to', to: LIBERATION_DAY },
      ],
    },
    {
      slug: CHINA_TALKS,
      title: 'Beijing says it is willing to hold talks with the Trump administration',
      summary:
        'Beijing announced it is willing to participate in talks with the Trump administration. ' +
        'Journalist Fred Gao noted that Chinese officials used the word "talks" (会谈), not "negotiations" (谈判), a distinction he said suggests the discussions were only preliminary.',
      kind: 'talks',
      date: '2025-05-07',
      actors: [
        { code: 'CN', role: 'initiator' },
        { code: 'US', role: 'participant' },
      ],
      tags: ['trade-talks', 'trade-war'],
      sources: [
        article(
          'china-us-talks',
          'This subtle but significant distinction suggests these were just preliminary discussions, and the real negotiation is yet to start',
        ),
      ],
      relations: [{ type: 'responds_to', to: TARIFFS_145 }],
    },
    {
      slug: TRUMP_NO,
      title: 'Trump refuses to lower the 145 % tariffs on China',
      summary:
        'Trump refused to budge on his 145 % tariffs on China. ' +
        'Asked at a press conference whether he would soften some of his policies to facilitate talks with China, he replied with one word: "No".',
      kind: 'statement',
      date: '2025-05',
      actors: [
        { code: 'US', role: 'initiator' },
        { code: 'donald-trump', role: 'initiator' },
        { code: 'CN', role: 'target' },
      ],
      tags: ['tariffs', 'trade-talks', 'trade-war'],
      sources: [
        article(
          'trump-no',
          'When asked at a press conference if he would soften some of his extreme policies to facilitate talks with China, Trump replied with one word: "No".',
        ),
      ],
      relations: [
        { type: 'responds_to', to: CHINA_TALKS },
        { type: 'related', to: TARIFFS_145 },
      ],
    },
  ],
};
