import { describe, expect, it } from 'vitest';
import { measureWidth, truncateToWidth } from '../../src/report/display-width.js';

describe('measureWidth', () => {
  it.each<[string, number]>([
    ['', 0],
    ['Leather wallet', 14],
    ['Sac à main', 10],
    ['革財布', 6],
    ['ブラウン', 8],
    ['한국', 4],
    ['ＡＢ', 4],
    ['e\u0301', 1],
    ['👜', 2],
    ['👩‍💻', 2],
    ['🇩🇪', 2],
    ['—', 1],
    ['a\u200bb', 2],
  ])('%j is %i cells wide', (text, width) => {
    expect(measureWidth(text)).toBe(width);
  });
});

describe('truncateToWidth', () => {
  it.each<[string, number, string]>([
    ['Leather wallet', 20, 'Leather wallet'],
    ['Leather wallet', 14, 'Leather wallet'],
    ['Leather wallet', 8, 'Leather…'],
    ['革財布ブラウン', 6, '革財…'],
    ['革財布ブラウン', 7, '革財布…'],
    ['ab👩‍💻cd', 4, 'ab…'],
    ['ab👩‍💻cd', 5, 'ab👩‍💻…'],
  ])('%j in %i cells is %j', (text, width, expected) => {
    const cut = truncateToWidth(text, width);

    expect(cut).toBe(expected);
    expect(measureWidth(cut)).toBeLessThanOrEqual(width);
  });
});
