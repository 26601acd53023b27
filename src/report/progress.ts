export interface ProgressStream {
  write(chunk: string): unknown;
  /** Terminal width, when the stream is a TTY. */
  columns?: number;
}

export interface ProgressOptions {
  stream: ProgressStream;
  /** Draw at all: only for a terminal, never under `--json`. */
  enabled: boolean;
  label: string;
  /** Milliseconds; a parameter so tests run on a fake clock. */
  now?: () => number;
  /** Least time between two redraws (default 100 ms, at most ~10 redraws a second). */
  intervalMs?: number;
}

export interface Progress {
  start(total: number): void;
  /** Adds `n` (default 1) finished items. */
  tick(n?: number): void;
  /** Clears the line, if anything was drawn; later ticks draw nothing until the next start. */
  stop(): void;
}

const CLEAR_LINE = '\r\u001b[K';

export function createProgress(options: ProgressOptions): Progress {
  if (!options.enabled) return { start() {}, tick() {}, stop() {} };

  const now = options.now ?? (() => performance.now());
  const intervalMs = options.intervalMs ?? 100;
  const state = { total: 0, done: 0, lastDraw: -Infinity, drawn: false, running: false };

  const draw = () => {
    options.stream.write(CLEAR_LINE + fitLine(formatLine(options.label, state), options.stream));
    state.lastDraw = now();
    state.drawn = true;
  };

  return {
    start(total) {
      Object.assign(state, { total: Math.max(0, total), done: 0, running: true });
      draw();
    },
    tick(n = 1) {
      state.done += n;
      if (state.running && now() - state.lastDraw >= intervalMs) draw();
    },
    stop() {
      if (state.drawn) options.stream.write(CLEAR_LINE);
      Object.assign(state, { drawn: false, running: false });
    },
  };
}

function formatLine(label: string, state: { total: number; done: number }): string {
  if (state.total === 0) return `${label} ${state.done}`;

  const done = Math.min(state.done, state.total);
  const percent = Math.floor((done / state.total) * 100);
  return `${label} ${done}/${state.total} (${percent}%)`;
}

function fitLine(line: string, stream: ProgressStream): string {
  const width = stream.columns;
  if (!width || line.length < width) return line;

  return line.slice(0, Math.max(0, width - 1));
}

/** Adapts a reader's running (done, total) callback to start/tick calls. */
export function trackProgress(progress: Progress): (done: number, total: number) => void {
  let reported = 0;
  return (done, total) => {
    if (reported === 0) progress.start(total);
    progress.tick(done - reported);
    reported = done;
  };
}
