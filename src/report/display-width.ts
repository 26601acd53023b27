/** East Asian Wide and Fullwidth blocks (Unicode UAX #11) that terminals draw two cells wide. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1b000, 0x1b2ff],
  [0x1f200, 0x1f2ff],
  [0x20000, 0x3fffd],
];

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Text with any of these needs grapheme segmentation, which is slow; other text does not. */
const NEEDS_GRAPHEMES =
  /[\p{M}\p{Variation_Selector}\p{Emoji_Presentation}\p{Regional_Indicator}]|\u200d/u;
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cc}\p{Cf}]$/u;
const EMOJI = /\p{Emoji_Presentation}|\uFE0F|\p{Regional_Indicator}/u;

let segmenter: Intl.Segmenter | undefined;

interface Units {
  units: Iterable<string>;
  measure: (unit: string) => number;
}

/** Code points where each one is a character on screen, grapheme clusters otherwise. */
function splitUnits(text: string): Units {
  if (!NEEDS_GRAPHEMES.test(text)) return { units: text, measure: measureCodePoint };

  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  const units = Array.from(segmenter.segment(text), ({ segment }) => segment);
  return { units, measure: measureGrapheme };
}

/** Terminal cells a string of plain text (no ANSI) takes. */
export function measureWidth(text: string): number {
  if (PRINTABLE_ASCII.test(text)) return text.length;

  const { units, measure } = splitUnits(text);
  let width = 0;
  for (const unit of units) width += measure(unit);
  return width;
}

/** Cuts `text` to at most `width` cells, ending in an ellipsis when something was cut. */
export function truncateToWidth(text: string, width: number): string {
  if (PRINTABLE_ASCII.test(text)) {
    return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
  }

  const { units, measure } = splitUnits(text);
  let used = 0;
  let end = 0;
  let keptEnd = 0;
  for (const unit of units) {
    used += measure(unit);
    if (used > width) return `${text.slice(0, keptEnd)}…`;
    end += unit.length;
    if (used < width) keptEnd = end;
  }
  return text;
}

function measureGrapheme(grapheme: string): number {
  if (EMOJI.test(grapheme)) return 2;

  let width = 0;
  for (const char of grapheme) width += measureCodePoint(char);
  return width;
}

function measureCodePoint(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code >= 0x20 && code < 0x7f) return 1;
  if (code >= 0xa0 && code < 0x300) return 1;
  if (isWide(code)) return 2;

  return ZERO_WIDTH.test(char) ? 0 : 1;
}

function isWide(code: number): boolean {
  if (code < 0x1100) return false;

  for (const [low, high] of WIDE_RANGES) {
    if (code >= low && code <= high) return true;
  }
  return false;
}
