/**
 * The introduction's and conclusion's lines as report blocks (shared/report/textBlocks.ts, SPEC
 * RC4, RC5): lists by their markers, any string parsed without a throw and within bounds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTextBlocks, parseTextBlocks, REPORT_BLOCKS_MAX, REPORT_TEXT_MAX, toggleLines } from '../../shared/report/textBlocks';

describe('parsing the lines', () => {
  it('[RC4] each line is a block: "- " a bullet, "1. " numbered, anything else a paragraph; blank lines are spacing', () => {
    const text = 'EXCITE aims high.\n\n- Study visits\n* Tandems\n• Joint services\n1. First\n12) Second\n  Indented paragraph  \n';
    expect(parseTextBlocks(text)).toEqual([
      { kind: 'paragraph', text: 'EXCITE aims high.' },
      { kind: 'bullet', text: 'Study visits' },
      { kind: 'bullet', text: 'Tandems' },
      { kind: 'bullet', text: 'Joint services' },
      { kind: 'numbered', text: 'First' },
      { kind: 'numbered', text: 'Second' },
      { kind: 'paragraph', text: 'Indented paragraph' },
    ]);
  });

  it('[RC4] an empty text, or one of blank lines and bare markers, is no block at all (the section is left out)', () => {
    expect(parseTextBlocks('')).toEqual([]);
    expect(parseTextBlocks('\n  \n- \n1. \r\n')).toEqual([]);
  });

  it('[RC4] a hyphen without a space, a year and a number without a point stay paragraphs', () => {
    expect(parseTextBlocks('-5 degrees\n2022 was the start\n1.5 members').map((b) => b.kind)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  it('[RC4] control characters no report format can hold are dropped; Windows and old Mac line ends split lines too', () => {
    expect(parseTextBlocks('a\u0000b\u0007c\r\n- d\u001fe\rf')).toEqual([
      { kind: 'paragraph', text: 'abc' },
      { kind: 'bullet', text: 'de' },
      { kind: 'paragraph', text: 'f' },
    ]);
  });

  it('[RC4] any string parses without a throw into at most REPORT_BLOCKS_MAX blocks of its own characters', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 400 }),
          fc.string({ unit: 'binary', maxLength: 400 }),
          fc.array(fc.constantFrom('- ', '1. ', '\n', 'a', ' ', '\r', '•'), { maxLength: 300 }).map((parts) => parts.join('')),
        ),
        (text) => {
          const blocks = parseTextBlocks(text);
          expect(blocks.length).toBeLessThanOrEqual(REPORT_BLOCKS_MAX);
          for (const block of blocks) {
            expect(block.text).not.toBe('');
            expect(block.text).toBe(block.text.trim());
            expect(block.text).not.toMatch(/[\n\r]/);
          }
          // Written back and parsed again, the blocks are the same: the format is a fixed point.
          expect(parseTextBlocks(formatTextBlocks(blocks))).toEqual(blocks);
        },
      ),
      { seed: 18, numRuns: 500 },
    );
  });

  it('[RC4] a hostile text (a million blank-separated one-letter lines) is read only up to its bounds, quickly', () => {
    const hostile = 'a\n'.repeat(1_000_000);
    const started = performance.now();
    const blocks = parseTextBlocks(hostile);
    expect(blocks).toHaveLength(REPORT_BLOCKS_MAX);
    expect(performance.now() - started).toBeLessThan(500);
    expect(parseTextBlocks('x'.repeat(REPORT_TEXT_MAX + 500))[0]?.text).toHaveLength(REPORT_TEXT_MAX);
  });
});

describe('the list buttons', () => {
  it('[RC5] the selected lines become bullets, and pressing again makes them paragraphs again', () => {
    const text = 'Intro\nStudy visits\nTandems\nOutro';
    const start = text.indexOf('Study');
    const end = text.indexOf('Outro') - 1;
    const bulleted = toggleLines(text, start, end, 'bullet');
    expect(bulleted.text).toBe('Intro\n- Study visits\n- Tandems\nOutro');
    expect(bulleted.text.slice(bulleted.selectionStart, bulleted.selectionEnd)).toBe('- Study visits\n- Tandems');
    expect(toggleLines(bulleted.text, bulleted.selectionStart, bulleted.selectionEnd, 'bullet').text).toBe(text);
  });

  it('[RC5] numbering counts from 1, replaces bullets, and a caret alone toggles its own line and stays at its end', () => {
    const numbered = toggleLines('- a\n- b', 0, 7, 'numbered');
    expect(numbered.text).toBe('1. a\n2. b');
    const caret = toggleLines('one\ntwo', 5, 5, 'bullet');
    expect(caret).toEqual({ text: 'one\n- two', selectionStart: 9, selectionEnd: 9 });
  });

  it('[RC5] any selection of any text toggles without a throw, changing only the lines it touches', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.nat(220),
        fc.nat(220),
        fc.constantFrom('bullet' as const, 'numbered' as const),
        (text, a, b, kind) => {
          const result = toggleLines(text, a, b, kind);
          expect(result.selectionStart).toBeLessThanOrEqual(result.selectionEnd);
          expect(result.selectionEnd).toBeLessThanOrEqual(result.text.length);
          expect(result.text.split('\n')).toHaveLength(text.split('\n').length);
        },
      ),
      { seed: 5, numRuns: 300 },
    );
  });
});
