import { describe, expect, it } from 'vitest';
import { createProgress, trackProgress } from '../../src/report/progress.js';

const CLEAR = '\r\u001b[K';

function buildStream(columns?: number) {
  const writes: string[] = [];
  return { writes, columns, write: (chunk: string) => writes.push(chunk) };
}

function buildClock() {
  const clock = { time: 1_000, now: () => clock.time };
  return clock;
}

describe('createProgress', () => {
  it('writes nothing when disabled', () => {
    const stream = buildStream();
    const progress = createProgress({ stream, enabled: false, label: 'Reading' });

    progress.start(10);
    progress.tick(5);
    progress.stop();

    expect(stream.writes).toEqual([]);
  });

  it('draws on start, then counts and percentages on later redraws', () => {
    const stream = buildStream();
    const clock = buildClock();
    const progress = createProgress({ stream, enabled: true, label: 'Reading', now: clock.now });

    progress.start(40);
    clock.time += 150;
    progress.tick(10);

    expect(stream.writes).toEqual([`${CLEAR}Reading 0/40 (0%)`, `${CLEAR}Reading 10/40 (25%)`]);
  });

  it('redraws at most ten times a second however fast it ticks', () => {
    const stream = buildStream();
    const clock = buildClock();
    const progress = createProgress({ stream, enabled: true, label: 'Reading', now: clock.now });

    progress.start(1_000);
    for (let item = 0; item < 1_000; item++) {
      clock.time += 1;
      progress.tick();
    }

    expect(stream.writes).toHaveLength(11);
    expect(stream.writes.at(-1)).toBe(`${CLEAR}Reading 1000/1000 (100%)`);
  });

  it('does not redraw between ticks that come too soon', () => {
    const stream = buildStream();
    const clock = buildClock();
    const progress = createProgress({ stream, enabled: true, label: 'Reading', now: clock.now });

    progress.start(10);
    clock.time += 99;
    progress.tick();

    expect(stream.writes).toHaveLength(1);
  });

  it('clears its line on stop, once', () => {
    const stream = buildStream();
    const progress = createProgress({ stream, enabled: true, label: 'Reading', now: () => 0 });

    progress.start(3);
    progress.stop();
    progress.stop();

    expect(stream.writes.at(-1)).toBe(CLEAR);
    expect(stream.writes.filter((chunk) => chunk === CLEAR)).toHaveLength(1);
  });

  it('stays quiet after stop until started again', () => {
    const stream = buildStream();
    const clock = buildClock();
    const progress = createProgress({ stream, enabled: true, label: 'Reading', now: clock.now });

    progress.start(3);
    progress.stop();
    clock.time += 500;
    progress.tick();

    expect(stream.writes).toEqual([`${CLEAR}Reading 0/3 (0%)`, CLEAR]);
  });

  it('does not write on stop when it never drew', () => {
    const stream = buildStream();
    const progress = createProgress({ stream, enabled: true, label: 'Reading' });

    progress.stop();

    expect(stream.writes).toEqual([]);
  });

  it('shows a bare count when the total is unknown, and never more than the total', () => {
    const stream = buildStream();
    const clock = buildClock();
    const progress = createProgress({ stream, enabled: true, label: 'Reading', now: clock.now });

    progress.start(0);
    clock.time += 100;
    progress.tick(7);
    progress.start(2);
    clock.time += 100;
    progress.tick(5);

    expect(stream.writes).toEqual([
      `${CLEAR}Reading 0`,
      `${CLEAR}Reading 7`,
      `${CLEAR}Reading 0/2 (0%)`,
      `${CLEAR}Reading 2/2 (100%)`,
    ]);
  });

  it('keeps the line shorter than the terminal so it never wraps', () => {
    const stream = buildStream(12);
    const progress = createProgress({ stream, enabled: true, label: 'Reading Amazon listings' });

    progress.start(100);

    expect(stream.writes).toEqual([`${CLEAR}Reading Ama`]);
  });
});

describe('trackProgress', () => {
  it('turns running totals into a start and the increments since the last report', () => {
    const stream = buildStream();
    const clock = buildClock();
    const progress = createProgress({ stream, enabled: true, label: 'Reading', now: clock.now });
    const report = trackProgress(progress);

    report(20, 60);
    clock.time += 200;
    report(40, 60);
    clock.time += 200;
    report(60, 60);

    expect(stream.writes).toEqual([
      `${CLEAR}Reading 0/60 (0%)`,
      `${CLEAR}Reading 40/60 (66%)`,
      `${CLEAR}Reading 60/60 (100%)`,
    ]);
  });
});
