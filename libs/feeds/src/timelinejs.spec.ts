import { describe, expect, it } from 'vitest';
import { timelineDate, toTimeline } from './timelinejs';
import { eventView, feedDocument } from './fixtures.spec-helper';

describe('timelineDate', () => {
  it('keeps only the parts the precision knows', () => {
    expect(timelineDate('2025')).toEqual({ year: 2025 });
    expect(timelineDate('2025-04')).toEqual({ year: 2025, month: 4 });
    expect(timelineDate('2025-04-02')).toEqual({ year: 2025, month: 4, day: 2 });
  });
});

describe('toTimeline', () => {
  it('renders slides with headline, text, group and unique_id', () => {
    const doc = toTimeline(
      feedDocument([eventView({ date: '2025-05', datePrecision: 'month', endDate: '2025-06-30' }), eventView({ id: 'other' })]),
    );
    const [slide] = doc.events;
    expect(slide.start_date).toEqual({ year: 2025, month: 5 });
    expect(slide.start_date).not.toHaveProperty('day');
    expect(slide.end_date).toEqual({ year: 2025, month: 6, day: 30 });
    expect(slide.group).toBe('tariff_action');
    expect(slide.unique_id).toBe('0b6f3a52-8a1e-4c1e-9d1e-3f2b8f1a7c01');
    expect(slide.text.headline).toBe('US announces &quot;Liberation Day&quot; tariffs &lt;10%&gt;');
    expect(slide.text.text).toContain('<em>United States</em>');
  });
});
