import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  return { lines, stream: { write: (text: string) => lines.push(text) > 0 } };
}

describe('logger', () => {
  it('masks every secret, URL-encoded forms included, and ones learned later', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ stream, verbose: true, secrets: ['Atzr|refresh/secret'] });
    logger.addSecret('access-token-123');
    logger.debug('refresh=Atzr|refresh/secret enc=Atzr%7Crefresh%2Fsecret token=access-token-123');
    expect(lines.join('')).toBe('debug: refresh=*** enc=*** token=***\n');
  });

  it('prints debug lines only when verbose', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ stream, verbose: false });
    logger.debug('hidden');
    logger.warn('shown');
    expect(lines).toEqual(['warning: shown\n']);
  });
});
