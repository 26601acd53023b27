import { describe, expect, it } from 'vitest';
import { shouldUseColor } from '../../src/report/color.js';

type Env = Record<string, string | undefined>;

describe('shouldUseColor', () => {
  it.each<[string, boolean, Env, boolean, boolean]>([
    ['a plain terminal', false, { TERM: 'xterm-256color' }, true, true],
    ['a terminal with TERM unset', false, {}, true, true],
    ['a pipe', false, { TERM: 'xterm' }, false, false],
    ['--no-color', true, { TERM: 'xterm' }, true, false],
    ['NO_COLOR=1', false, { NO_COLOR: '1' }, true, false],
    ['NO_COLOR=0 (any non-empty value counts)', false, { NO_COLOR: '0' }, true, false],
    ['an empty NO_COLOR', false, { NO_COLOR: '' }, true, true],
    ['TERM=dumb', false, { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR=1 on a pipe', false, { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=3 on a dumb terminal', false, { FORCE_COLOR: '3', TERM: 'dumb' }, true, true],
    ['FORCE_COLOR=true', false, { FORCE_COLOR: 'true' }, false, true],
    ['FORCE_COLOR=0 on a terminal', false, { FORCE_COLOR: '0' }, true, false],
    ['FORCE_COLOR=false on a terminal', false, { FORCE_COLOR: 'false' }, true, false],
    ['an empty FORCE_COLOR on a pipe', false, { FORCE_COLOR: '' }, false, false],
    ['NO_COLOR beating FORCE_COLOR', false, { NO_COLOR: '1', FORCE_COLOR: '1' }, true, false],
    ['--no-color beating FORCE_COLOR', true, { FORCE_COLOR: '1' }, true, false],
  ])('%s', (_case, noColorFlag, env, isTTY, expected) => {
    expect(shouldUseColor({ noColorFlag, env, isTTY })).toBe(expected);
  });
});
