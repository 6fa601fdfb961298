import type { SeedTimeline } from './timeline.types';

/**
 * The first content of the timeline: the events of Ben Norton's article "Trump's tariffs are uniting
 * China, Europe, Japan, South Korea, & ASEAN against the US" (Multipolarista, May 2025), with the sources
 * it cites. Dates carry only the precision the article supports: where it gives no day, none is invented.
 */
const ARTICLE = 'https://multipolarista.com/2025/05/08/trump-tariffs-china-europe-japan-korea-asean/';
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
  ],
  tags: [
    { slug: 'tariffs', name: 'Tariffs' },
    { slug: 'trade-war', name: 'Trade war' },
    { slug: 'liberation-day', name: 'Liberation Day' },
    { slug: 'trade-talks', name: 'Trade talks' },
    { slug: 'regional-cooperation', name: 'Regional cooperation' },
    { slug: 'financial-cooperation', name: 'Financial cooperation' },
    { slug: 'diplomacy', name: 'Diplomacy' },
    { slug: 'rcep', name: 'RCEP' },
    { slug: 'protectionism', name: 'Protectionism' },
  ],
  events: [
    {
      slug: '2025-03-30-china-japan-south-korea-trade-ministers-meet',
      title: 'China, Japan and South Korea trade ministers hold first economic dialogue in five years',
      summary:
        'The trade ministers of China, Japan and South Korea met and agreed to increase their cooperation, move toward a trade deal and strengthen the Regional Comprehensive Economic Partnership (RCEP), a bloc that excludes the United States.',
      kind: 'meeting',
      date: '2025-03-30',
      actors: [
        { code: 'CN', role: 'participant' },
        { code: 'JP', role: 'participant' },
        { code: 'KR', role: 'participant' },
      ],
      tags: ['regional-cooperation', 'rcep', 'trade-talks'],
      sources: [
        {
          url: 'https://www.reuters.com/world/asia-pacific/china-japan-south-korea-trade-ministers-meet-2025-03-30/',
          publisher: 'Reuters',
          title: 'China, Japan, South Korea trade ministers meet',
          publishedAt: '2025-03-30',
          quote: 'their first economic dialogue in five years',
        },
      ],
    },
    {
      slug: '2025-04-02-liberation-day-tariffs',
      title: 'Trump announces "Liberation Day" tariffs on countries around the world',
      summary:
        'US President Donald Trump announced on what he dubbed "Liberation Day" that he would impose high tariffs on countries around the world.',
      kind: 'tariff_action',
      date: '2025-04-02',
      actors: [
        { code: 'US', role: 'initiator' },
        { code: 'donald-trump', role: 'initiator' },
      ],
      tags: ['tariffs', 'trade-war', 'liberation-day'],
      sources: [
        {
          url: `${ARTICLE}#liberation-day`,
          publisher: 'Multipolarista',
          title: "Trump's tariffs are uniting China, Europe, Japan, South Korea, & ASEAN against the US",
          publishedAt: '2025-05-08',
          quote:
            'what Trump dubbed "Liberation Day", on April 2, when the US president announced that he would impose high tariffs on countries around the world',
        },
      ],
      relations: [{ type: 'follows', to: '2025-03-30-china-japan-south-korea-trade-ministers-meet' }],
    },
    {
      slug: '2025-04-us-145-percent-tariffs-on-china',
      title: 'US raises tariffs on Chinese goods to 145 %',
      summary: 'Trump hit China with tariffs of 145 %, imposing what is essentially a trade embargo.',
      kind: 'tariff_action',
      date: '2025-04',
      actors: [
        { code: 'US', role: 'initiator' },
        { code: 'donald-trump', role: 'initiator' },
        { code: 'CN', role: 'target' },
      ],
      tags: ['tariffs', 'trade-war'],
      sources: [
        {
          url: `${ARTICLE}#tariffs-145`,
          publisher: 'Multipolarista',
          title: "Trump's tariffs are uniting China, Europe, Japan, South Korea, & ASEAN against the US",
          publishedAt: '2025-05-08',
          quote: 'Trump hit China with tariffs of 145%, imposing what is essentially a trade embargo.',
        },
      ],
      relations: [{ type: 'escalates', to: '2025-04-02-liberation-day-tariffs' }],
    },
    {
      slug: '2025-04-japan-pushes-back-against-us-tariff-threats',
      title: 'Japan pushes back against US tariff threats in trade negotiations',
      summary:
        'Japanese officials, angered by Trump\'s tariff threats, pushed back against the US in trade negotiations; a Japanese lawmaker condemned Trump as a "delinquent kid extorting somebody".',
      kind: 'statement',
      date: '2025-04',
      actors: [
        { code: 'JP', role: 'initiator' },
        { code: 'US', role: 'target' },
      ],
      tags: ['tariffs', 'trade-talks', 'diplomacy'],
      sources: [
        {
          url: `${ARTICLE}#japan-pushback`,
          publisher: 'Multipolarista',
          title: "Trump's tariffs are uniting China, Europe, Japan, South Korea, & ASEAN against the US",
          publishedAt: '2025-05-08',
          quote: 'A Japanese lawmaker even condemned Trump as a "delinquent kid extorting somebody".',
        },
      ],
      relations: [{ type: 'responds_to', to: '2025-04-02-liberation-day-tariffs' }],
    },
    {
      slug: '2025-04-china-and-vietnam-deepen-relations',
      title: "China and Vietnam deepen relations despite Washington's attempts to divide them",
      summary: "China and Vietnam deepened their relations, despite Washington's attempts to divide them.",
      kind: 'meeting',
      date: '2025-04',
      actors: [
        { code: 'CN', role: 'participant' },
        { code: 'VN', role: 'participant' },
      ],
      tags: ['regional-cooperation', 'diplomacy'],
      sources: [
        {
          url: `${ARTICLE}#china-vietnam`,
          publisher: 'Multipolarista',
          title: "Trump's tariffs are uniting China, Europe, Japan, South Korea, & ASEAN against the US",
          publishedAt: '2025-05-08',
          quote: "China and Vietnam have deepened their relations, despite Washington's attempts to divide them.",
        },
      ],
    },
    {
      slug: '2025-bessent-grand-encirclement-strategy',
      title: 'Bessent describes a "grand encirclement" strategy to isolate China',
      summary:
        'US Treasury Secretary Scott Bessent revealed a "grand encirclement" strategy aimed at isolating China: Washington wanted Japan, South Korea, Vietnam and India to follow the US and "approach China as a group".',
      kind: 'statement',
      date: '2025',
      actors: [
        { code: 'US', role: 'initiator' },
        { code: 'scott-bessent', role: 'initiator' },
        { code: 'CN', role: 'target' },
        { code: 'JP', role: 'participant' },
        { code: 'KR', role: 'participant' },
        { code: 'VN', role: 'participant' },
        { code: 'IN', role: 'participant' },
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
      relations: [{ type: 'part_of', to: '2025-04-us-145-percent-tariffs-on-china' }],
    },
    {
      slug: '2025-05-04-asean-plus-3-joint-statement',
      title: 'ASEAN+3 finance ministers pledge to strengthen regional financial cooperation',
      summary:
        'The finance ministers and central bank governors of China, Japan, South Korea and the ASEAN members met in Italy and published a joint statement pledging "to further strengthen regional financial cooperation" and criticising "escalating trade protectionism".',
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
        {
          url: `${ARTICLE}#asean-3-statement`,
          publisher: 'Multipolarista',
          title: "Trump's tariffs are uniting China, Europe, Japan, South Korea, & ASEAN against the US",
          publishedAt: '2025-05-08',
          quote: 'leading to economic fragmentation, affecting trade, investment, and capital flows across the region',
        },
      ],
      relations: [
        { type: 'responds_to', to: '2025-04-us-145-percent-tariffs-on-china' },
        { type: 'responds_to', to: '2025-04-02-liberation-day-tariffs' },
      ],
    },
    {
      slug: '2025-05-06-china-european-parliament-lift-exchange-restrictions',
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
        {
          url: `${ARTICLE}#china-european-parliament`,
          publisher: 'Multipolarista',
          title: "Trump's tariffs are uniting China, Europe, Japan, South Korea, & ASEAN against the US",
          publishedAt: '2025-05-08',
          quote:
            'On May 6, Beijing announced that China and the European Parliament had agreed to lift restrictions on mutual exchanges between the legislative bodies of the two sides.',
        },
      ],
    },
    {
      slug: '2025-05-china-eu-50th-anniversary-letters',
      title: 'China and EU leaders exchange letters on 50 years of diplomatic ties',
      summary:
        'Leaders of China and the European Union exchanged letters marking the 50th anniversary of diplomatic ties and agreed to deepen cooperation in the face of challenges posed by US President Donald Trump.',
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
      ],
      relations: [{ type: 'related', to: '2025-05-06-china-european-parliament-lift-exchange-restrictions' }],
    },
    {
      slug: '2025-05-07-beijing-willing-to-hold-talks',
      title: 'Beijing says it is willing to hold talks with the Trump administration',
      summary:
        'Beijing announced it is willing to participate in talks with the Trump administration. Journalist Fred Gao noted officials used the word "talks" (会谈), not "negotiations" (谈判), suggesting only preliminary discussions.',
      kind: 'talks',
      date: '2025-05-07',
      actors: [
        { code: 'CN', role: 'initiator' },
        { code: 'US', role: 'participant' },
      ],
      tags: ['trade-talks', 'tariffs'],
      sources: [
        {
          url: `${ARTICLE}#china-us-talks`,
          publisher: 'Multipolarista',
          title: "Trump's tariffs are uniting China, Europe, Japan, South Korea, & ASEAN against the US",
          publishedAt: '2025-05-08',
          quote:
            'This subtle but significant distinction suggests these were just preliminary discussions, and the real negotiation is yet to start',
        },
      ],
      relations: [{ type: 'responds_to', to: '2025-04-us-145-percent-tariffs-on-china' }],
    },
    {
      slug: '2025-05-trump-refuses-to-lower-145-percent-tariffs',
      title: 'Trump refuses to lower the 145 % tariffs on China',
      summary:
        'Asked at a press conference whether he would soften his policies to facilitate talks with China, Trump replied with one word: "No".',
      kind: 'statement',
      date: '2025-05',
      actors: [
        { code: 'US', role: 'initiator' },
        { code: 'donald-trump', role: 'initiator' },
        { code: 'CN', role: 'target' },
      ],
      tags: ['tariffs', 'trade-talks', 'trade-war'],
      sources: [
        {
          url: `${ARTICLE}#trump-no`,
          publisher: 'Multipolarista',
          title: "Trump's tariffs are uniting China, Europe, Japan, South Korea, & ASEAN against the US",
          publishedAt: '2025-05-08',
          quote: 'Trump, meanwhile, has refused to budge on his sky-high tariffs of 145% on China.',
        },
      ],
      relations: [
        { type: 'responds_to', to: '2025-05-07-beijing-willing-to-hold-talks' },
        { type: 'follows', to: '2025-04-us-145-percent-tariffs-on-china' },
      ],
    },
  ],
};
