import { countSmsSegments, smsEncoding } from './sms-segments';

describe('SMS segment counter', () => {
  it('fits 160 GSM-7 characters in one SMS and splits longer texts into 153-character parts', () => {
    expect(countSmsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160, remaining: 0 });
    expect(countSmsSegments('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153, remaining: 145 });
    expect(countSmsSegments('a'.repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSmsSegments('a'.repeat(307))).toMatchObject({ segments: 3 });
  });

  it('treats Russian text as UCS-2: 70 characters, then 67 per part', () => {
    expect(smsEncoding('Привет')).toBe('UCS-2');
    expect(countSmsSegments('я'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1, remaining: 0 });
    expect(countSmsSegments('я'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(countSmsSegments('я'.repeat(134))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSmsSegments('я'.repeat(135))).toMatchObject({ segments: 3 });
  });

  it('switches the whole text to UCS-2 for one character outside GSM-7', () => {
    expect(countSmsSegments('a'.repeat(100) + 'ж')).toMatchObject({ encoding: 'UCS-2', units: 101, segments: 2 });
    expect(countSmsSegments('Your order ships today 🚚')).toMatchObject({ encoding: 'UCS-2', units: 25 });
  });

  it('counts GSM-7 extension characters twice and never splits them or emoji across parts', () => {
    expect(countSmsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSmsSegments('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
    // 152 plain characters, then "€" (2 septets) cannot fit in part one's last slot.
    expect(countSmsSegments('a'.repeat(152) + '€' + 'a'.repeat(10))).toMatchObject({ units: 164, segments: 2, remaining: 153 - 12 });
    expect(countSmsSegments('😀'.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    expect(countSmsSegments('я' + '😀'.repeat(34))).toMatchObject({ units: 69, segments: 1 });
    expect(countSmsSegments('я' + '😀'.repeat(35))).toMatchObject({ units: 71, segments: 2 });
  });

  it('counts an empty text as one SMS with everything left', () => {
    expect(countSmsSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 1, perSegment: 160, remaining: 160 });
  });
});
